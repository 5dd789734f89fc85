package org.colorizevideo.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Help buttons' pages: a command's section of README.md (packed into the plugin jar, so it is the
 * documentation of the installed version, readable without a network) as the simple HTML that
 * ImageJ's help window shows. Headings, paragraphs, lists, tables, code blocks and inline code and
 * bold are kept; links become their text.
 */
final class HelpPages {

    static final String COLORIZE_VIDEO = "Using it";
    static final String TEMPORAL_REFINEMENT = "Temporal refinement (Deep Video Prior)";
    static final String MEASURE = "Measuring a colorization: Colorize Measure";
    static final String KEYFRAME = "Colour hints: Colorize Keyframe";

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]+\\)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

    private HelpPages() {
    }

    /** The README section under {@code ## heading} (with its subsections) as HTML, or a short note if absent. */
    static String html(String heading) {
        String readme;
        try (InputStream in = HelpPages.class.getResourceAsStream("/README.md")) {
            readme = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            readme = "";
        }
        return toHtml(section(readme, heading), heading);
    }

    /** The lines from {@code ## heading} to the next level-2 heading. */
    static String section(String markdown, String heading) {
        String[] lines = markdown.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        boolean fence = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fence = !fence;
            }
            if (!fence && line.startsWith("## ")) {
                if (inside) {
                    break;
                }
                inside = line.substring(3).trim().equals(heading);
            }
            if (inside) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    static String toHtml(String markdown, String heading) {
        StringBuilder html = new StringBuilder("<html><body style='width:640px;font-family:sans-serif'>");
        if (markdown.isBlank()) {
            html.append("<h2>").append(escape(heading)).append("</h2><p>This version's README has no section '")
                    .append(escape(heading)).append("'; see README.md of the project.</p>");
            return html.append("</body></html>").toString();
        }
        boolean pre = false;
        boolean table = false;
        boolean list = false;
        StringBuilder paragraph = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                flush(html, paragraph);
                if (table) {
                    html.append("</table>");
                    table = false;
                }
                if (list) {
                    html.append("</ul>");
                    list = false;
                }
                html.append(pre ? "</pre>" : "<pre>");
                pre = !pre;
                continue;
            }
            if (pre) {
                html.append(escape(line)).append('\n');
                continue;
            }
            String t = line.trim();
            if (table && !t.startsWith("|")) {
                html.append("</table>");
                table = false;
            }
            if (list && !t.startsWith("- ") && !t.startsWith("* ") && (t.isEmpty() || !line.startsWith(" "))) {
                html.append("</ul>");
                list = false;
            }
            if (t.isEmpty()) {
                flush(html, paragraph);
            } else if (t.startsWith("#")) {
                flush(html, paragraph);
                int level = Math.min(4, t.indexOf(' ') < 0 ? 2 : t.indexOf(' '));
                html.append("<h").append(level).append('>').append(inline(t.replaceFirst("^#+\\s*", "")))
                        .append("</h").append(level).append('>');
            } else if (t.startsWith("|")) {
                flush(html, paragraph);
                if (t.matches("\\|[\\s|:-]+\\|")) {
                    continue; // the header separator row
                }
                if (!table) {
                    html.append("<table border='1' cellspacing='0' cellpadding='2'>");
                    table = true;
                }
                html.append("<tr>");
                for (String cell : t.substring(1, t.length() - 1).split("\\|")) {
                    html.append("<td>").append(inline(cell.trim())).append("</td>");
                }
                html.append("</tr>");
            } else if (t.startsWith("- ") || t.startsWith("* ")) {
                flush(html, paragraph);
                if (!list) {
                    html.append("<ul>");
                    list = true;
                }
                html.append("<li>").append(inline(t.substring(2)));
            } else if (list) {
                html.append(' ').append(inline(t));
            } else {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(t);
            }
        }
        flush(html, paragraph);
        if (table) {
            html.append("</table>");
        }
        if (list) {
            html.append("</ul>");
        }
        if (pre) {
            html.append("</pre>");
        }
        return html.append("</body></html>").toString();
    }

    private static void flush(StringBuilder html, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            html.append("<p>").append(inline(paragraph.toString())).append("</p>");
            paragraph.setLength(0);
        }
    }

    private static String inline(String text) {
        String s = escape(LINK.matcher(text).replaceAll("$1"));
        s = CODE.matcher(s).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
        return BOLD.matcher(s).replaceAll(m -> "<b>" + Matcher.quoteReplacement(m.group(1)) + "</b>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
