// Colour hints as a macro: a few selections with stroke colours on one frame (in the image's overlay;
// interactively you would draw them and add them to the ROI Manager) -> Colorize Keyframe (the frame
// coloured from the hints, written as a keyframe) -> Colorize Video with that keyframe as its reference,
// so the whole clip follows the hints.
// model=compact-hints-v1 (the default, our bundled hint model) colours the frame from the hints and "spread" carries
// them further along the frame's edges; model=none spreads them without a network; another model that takes hints
// (a SIGGRAPH17 export) can be named instead.
// Headless: ImageJ --headless -macro colorize_from_hints.ijm "input=/data/film.tif work=/data/work frame=1"
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
work = call("ij.Macro.getValue", args, "work", getDirectory("temp") + "colorize-hints");
model = call("ij.Macro.getValue", args, "model", "compact-hints-v1");
frame = parseInt(call("ij.Macro.getValue", args, "frame", "1"));
if (input != "") open(input);
if (nImages == 0) exit("Open a grayscale stack first, or pass input=<file>.");
setBatchMode(true);
File.makeDirectory(work);
setSlice(frame);
Overlay.remove;
// a red click, a blue area and a green line on that frame
makePoint(20, 30);
Roi.setStrokeColor("#c82828");
Roi.setPosition(frame);
Overlay.addSelection;
makeRectangle(60, 50, 20, 10);
Roi.setStrokeColor("#285ad2");
Roi.setPosition(frame);
Overlay.addSelection;
makeLine(70, 8, 95, 14);
Roi.setStrokeColor("#3cb43c");
Roi.setPosition(frame);
Overlay.addSelection;
run("Select None");
// hints=[] takes the ROI Manager's selections, else the overlay's
run("Colorize Keyframe", "input=[] frame=" + frame + " hints=[] model=[" + model + "] spread hint_size=3 output=["
    + work + File.separator + "keyframes] overwrite");
run("Colorize Video", "input=[" + input + "] output=[" + work + File.separator + "colour] reference=[" + work
    + File.separator + "keyframes]");
print("Coloured from hints into " + work + File.separator + "colour");
