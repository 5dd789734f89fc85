// Colorize Video on the current image (the form the macro recorder writes).
// Interactive: open a grayscale stack, then run this macro; the colorized stack opens as a new window.
// Headless:    ImageJ --headless -macro colorize_current_image.ijm "input=/data/film.tif output=/data/film-colour"
//              (with output, frames are written there and no window is opened)
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "compact-lab-v2");
temperature = call("ij.Macro.getValue", args, "temperature", "0");
if (input != "") open(input);
if (nImages == 0) exit("Open a grayscale stack first, or pass input=<file>.");
setBatchMode(true);
run("Colorize Video", "input=[] output=[" + output + "] model=[" + model + "] temperature=" + temperature + " device=auto batch=4");
if (output == "") print("Colorized: " + getTitle());
