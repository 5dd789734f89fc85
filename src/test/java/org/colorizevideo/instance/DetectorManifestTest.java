package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.GraphSignature;
import org.colorizevideo.model.GraphSignature.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of colorize-video-detector/1 manifests against a graph signature, without ONNX: each
 * error names the manifest file, what was expected and what was found.
 */
class DetectorManifestTest {

    @TempDir
    Path tmp;

    static final String JSON = """
            {"format": "colorize-video-detector/1", "name": "t",
             "input": {"name": "image", "shape": [3, -1, -1], "range": [0.0, 1.0], "convention": "lstar/100 x3"},
             "outputs": {"boxes": "boxes", "labels": "labels", "scores": "scores", "masks": "masks"},
             "resize": {"minSize": 800, "maxSize": 1333},
             "categories": ["__background__", "person", "bicycle"]}
            """;

    static GraphSignature graph(Tensor input) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("image", input);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("boxes", new Tensor("float32", new long[] {-1, 4}));
        out.put("labels", new Tensor("INT64", new long[] {-1}));
        out.put("scores", new Tensor("float32", new long[] {-1}));
        out.put("masks", new Tensor("float32", new long[] {-1, 1, -1, -1}));
        return new GraphSignature(in, out);
    }

    static GraphSignature good() {
        return graph(new Tensor("float32", new long[] {3, -1, -1}));
    }

    Path write(String json) throws Exception {
        Path f = tmp.resolve("det.json");
        Files.writeString(f, json);
        return f;
    }

    String error(String json, GraphSignature g) throws Exception {
        Path f = write(json);
        DetectorManifest m = DetectorManifest.read(f);
        String msg = assertThrows(ColorizeException.class, () -> m.validate(f, g)).getMessage();
        assertTrue(msg.contains(f.toString()), "the message should name the file: " + msg);
        return msg;
    }

    @Test
    void aGoodManifestPasses() throws Exception {
        Path f = write(JSON);
        DetectorManifest m = DetectorManifest.read(f);
        assertDoesNotThrow(() -> m.validate(f, good()));
        assertTrue(m.categoryName(1).equals("person") && m.categoryName(7).equals("class 7"));
    }

    @Test
    void wrongInputNameIsNamed() throws Exception {
        String msg = error(JSON.replace("\"name\": \"image\"", "\"name\": \"images_tensors\""), good());
        assertTrue(msg.contains("'images_tensors'") && msg.contains("[image]"), msg);
    }

    @Test
    void wrongInputRankIsNamed() throws Exception {
        String msg = error(JSON, graph(new Tensor("float32", new long[] {1, 3, -1, -1})));
        assertTrue(msg.contains("1x3x?x?") && msg.contains("rank 4") && msg.contains("expected rank 3"), msg);
    }

    @Test
    void wrongChannelsTypesAndOutputsAreNamed() throws Exception {
        assertTrue(error(JSON, graph(new Tensor("float32", new long[] {1, -1, -1}))).contains("expected rank 3, 3xHxW"));
        assertTrue(error(JSON, graph(new Tensor("UINT8", new long[] {3, -1, -1}))).contains("is UINT8; expected float32"));
        String msg = error(JSON.replace("\"labels\": \"labels\"", "\"labels\": \"classes\""), good());
        assertTrue(msg.contains("'classes'") && msg.contains("[boxes, labels, scores, masks]"), msg);
        GraphSignature g = good();
        g.outputs().put("labels", new Tensor("float32", new long[] {-1}));
        assertTrue(error(JSON, g).contains("'labels' (labels) is float32; expected int64"));
        g = good();
        g.outputs().put("boxes", new Tensor("float32", new long[] {-1, 5}));
        assertTrue(error(JSON, g).contains("shape ?x5 (rank 2); expected Nx4"));
    }

    @Test
    void manifestOwnProblemsAreNamed() throws Exception {
        assertTrue(error(JSON.replace("colorize-video-detector/1", "colorize-video-model/1"), good())
                .contains("format 'colorize-video-model/1' but this plugin reads 'colorize-video-detector/1'"));
        assertTrue(error(JSON.replace("lstar/100 x3", "rgb"), good()).contains("convention 'rgb'"));
        assertTrue(error(JSON.replace("\"maxSize\": 1333", "\"maxSize\": 10"), good()).contains("0 < minSize <= maxSize"));
        assertTrue(error(JSON.replace("\"__background__\", \"person\", \"bicycle\"", ""), good()).contains("found 0"));
        String msg = error("{\"format\": \"colorize-video-detector/1\"}", good());
        assertTrue(msg.contains("\"input\"") && msg.contains("\"outputs\"") && msg.contains("found none"), msg);
    }

    @Test
    void unreadableManifestSaysSo() throws Exception {
        Path f = write("{ not json");
        String msg = assertThrows(ColorizeException.class, () -> DetectorManifest.read(f)).getMessage();
        assertTrue(msg.contains(f.toString()) && msg.contains("could not be read as JSON"), msg);
    }
}
