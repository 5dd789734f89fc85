// Batch: colorize every TIFF and AVI in a folder, each into <output>/<name>/ .
// Headless: ImageJ --headless -macro colorize_folder_batch.ijm "input=/data/films output=/data/colour"
args = getArgument();
dir = call("ij.Macro.getValue", args, "input", "");
out = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "compact-lab-v2");
if (dir == "") dir = getDirectory("Folder with grayscale films");
if (out == "") out = getDirectory("Output folder");
if (!endsWith(dir, File.separator)) dir = dir + File.separator;
if (!endsWith(out, File.separator)) out = out + File.separator;
files = getFileList(dir);
done = 0;
for (i = 0; i < files.length; i++) {
    name = files[i];
    lower = toLowerCase(name);
    if (endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".avi")) {
        base = substring(name, 0, lastIndexOf(name, "."));
        run("Colorize Video", "input=[" + dir + name + "] output=[" + out + base + "] model=[" + model + "] temperature=0 device=auto batch=4");
        done++;
    }
}
print("Colorized " + done + " files into " + out);
