package org.colorizevideo.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;
import org.scijava.parse.Items;
import org.scijava.parse.ParseService;
import org.scijava.service.Service;

/**
 * Checks {@code --run "Command" "key=value,..."} before SciJava runs it. Left to SciJava, a key the
 * command does not have (a typo such as {@code refrence=}) fails inside the module service without an
 * error event, so the user is told that no command was run at all; and a value of the wrong type (such
 * as {@code epochs=abc}) is silently dropped, so the run goes on with the default. Here each is one
 * sentence that names the key, says what was expected and lists the command's keys.
 */
final class ArgumentCheck {

    private final CommandService commands;
    private final ParseService parser;
    private final ConvertService convert;

    ArgumentCheck(Context context) {
        this.commands = context.service(CommandService.class);
        this.parser = context.service(ParseService.class);
        this.convert = context.service(ConvertService.class);
    }

    /**
     * The problem with the arguments as one sentence, or empty when they are fine (or the command is not
     * one SciJava knows by that name: the launcher reports that itself).
     */
    Optional<String> problem(String command, String parameters) {
        Optional<CommandInfo> info = find(command);
        if (info.isEmpty() || parameters == null || parameters.isBlank()) {
            return Optional.empty();
        }
        Items items;
        try {
            items = parser.parse(parameters);
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("Unknown variable: ")) {
                String word = m.substring("Unknown variable: ".length());
                return Optional.of("In the parameters of " + command + ", " + word + " is not a number nor true/false: "
                        + "text and paths go in quotes, e.g. key='" + word + "'.");
            }
            return Optional.of("The parameters of " + command + " could not be read (" + e.getMessage()
                    + "); write them as key=value pairs separated by commas, text in quotes: input='in.tif',batch=4.");
        }
        if (!items.isMap()) {
            return Optional.of("The parameters of " + command + " must be key=value pairs separated by commas, "
                    + "e.g. input='in.tif',output='out'.");
        }
        List<ModuleItem<?>> inputs = userInputs(info.get());
        for (Map.Entry<String, Object> e : items.asMap().entrySet()) {
            ModuleItem<?> item = inputs.stream().filter(i -> i.getName().equals(e.getKey())).findFirst().orElse(null);
            if (item == null) {
                return Optional.of(unknownKey(command, e.getKey(), inputs));
            }
            String wrongType = wrongType(item, e.getValue());
            if (wrongType != null) {
                return Optional.of(wrongType);
            }
        }
        return Optional.empty();
    }

    private Optional<CommandInfo> find(String command) {
        return commands.getCommands().stream()
                .filter(c -> command.equals(c.getTitle()) || command.equals(c.getClassName()))
                .findFirst();
    }

    /** The inputs a user sets: not the services and the context that SciJava fills in. */
    private static List<ModuleItem<?>> userInputs(CommandInfo info) {
        List<ModuleItem<?>> out = new ArrayList<>();
        for (ModuleItem<?> item : info.inputs()) {
            Class<?> type = item.getType();
            if (!Service.class.isAssignableFrom(type) && !Context.class.isAssignableFrom(type)) {
                out.add(item);
            }
        }
        return out;
    }

    private static String unknownKey(String command, String key, List<ModuleItem<?>> inputs) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        List<String> names = new ArrayList<>();
        for (ModuleItem<?> i : inputs) {
            names.add(i.getName());
            int d = editDistance(key.toLowerCase(), i.getName().toLowerCase());
            if (d < best) {
                best = d;
                nearest = i.getName();
            }
        }
        String guess = nearest != null && best <= Math.max(2, key.length() / 3) ? " Did you mean '" + nearest + "'?" : "";
        return command + " has no parameter '" + key + "'." + guess + " Its parameters are: " + String.join(", ", names) + ".";
    }

    /** A sentence when value cannot become the item's type, else null. */
    private String wrongType(ModuleItem<?> item, Object value) {
        Class<?> type = item.getType();
        if (value == null || type == File.class) {
            return null; // every value can be a path
        }
        Object converted = type == String.class ? value.toString() : convert.convert(value, type);
        if (converted == null || (isNumber(type) && !isNumeric(value)) || (isBoolean(type) && !isBooleanText(value))) {
            return "The value " + quoted(value) + " of '" + item.getName() + "' is not " + kind(type) + "; write e.g. "
                    + item.getName() + "=" + example(item) + ".";
        }
        List<?> choices = item.getChoices();
        if (choices != null && !choices.isEmpty() && !choices.contains(converted)) {
            return "The value " + quoted(value) + " of '" + item.getName() + "' is not one of " + choices + ".";
        }
        return null;
    }

    private static boolean isNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == double.class || type == Double.class || type == float.class || type == Float.class;
    }

    private static boolean isBoolean(Class<?> type) {
        return type == boolean.class || type == Boolean.class;
    }

    private static boolean isBooleanText(Object value) {
        String v = value.toString().trim();
        return value instanceof Boolean || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    private static boolean isNumeric(Object value) {
        if (value instanceof Number) {
            return true;
        }
        try {
            Double.parseDouble(value.toString().trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (isNumber(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static String example(ModuleItem<?> item) {
        Class<?> type = item.getType();
        if (type == boolean.class || type == Boolean.class) {
            return "true";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "4";
        }
        return "0.5";
    }

    private static String quoted(Object value) {
        return "'" + value + "'";
    }

    /** Levenshtein distance, for "did you mean". */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
