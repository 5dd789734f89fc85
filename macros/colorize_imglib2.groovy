#@ Img gray
#@ String (label = "Model (name or .onnx path)", value = "compact-lab-v2") model
#@ double (label = "Temperature (0 = the model's default)", value = 0) temperature
#@output Img colour

// Colorize Video through its ImgLib2 API: colorizes an open grayscale image (XY, or XYT: a clip) into
// a new RGB image, without writing frames to disk. In Fiji: open a gray stack, then run this script
// from the Script Editor (language Groovy); the result opens as a new image. For a long film, give
// Colorizer.colorize(gray, output) an output image you made (e.g. on disk), or stream with
// Colorizer.colorize(gray, { t, frame -> ... }). See README, "ImgLib2 API".
import org.colorizevideo.imglib2.Colorizer

colour = Colorizer.automatic().model(model).temperature(temperature).colorize(gray)
