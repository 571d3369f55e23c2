package io.stratum.intelligence;

import io.stratum.intelligence.model.TextModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the registry stores and loads one kind of model: which files make a version's artefact and how to read them.
 * Text classifiers are the default; other kinds (the failure model) register theirs with
 * {@link ModelRegistry#format(String, ModelFormat)} before their first version is registered or served.
 *
 * @param <M> the served model type
 */
public interface ModelFormat<M> {

    /** Short name of the kind, shown in the model API: "text", "failure". */
    String kind();

    /** The files of an artefact directory that make a version (copied into the version directory). */
    List<String> files();

    /** Reads a version's model from its directory; the version number is part of what some models report. */
    M load(Path dir, int version) throws IOException;

    /** The format of the DJL text classifiers (topic, urgency, invoice fields): weights.bin + labels.txt. */
    ModelFormat<TextModel> TEXT = new ModelFormat<>() {
        @Override
        public String kind() {
            return "text";
        }

        @Override
        public List<String> files() {
            return List.of("weights.bin", "labels.txt");
        }

        @Override
        public TextModel load(Path dir, int version) throws IOException {
            return TextModel.load(dir);
        }
    };
}
