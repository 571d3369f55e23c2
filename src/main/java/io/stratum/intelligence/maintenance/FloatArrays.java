package io.stratum.intelligence.maintenance;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The weight arrays of the plain-Java networks on disk: each as its length, then its values. */
final class FloatArrays {

    private FloatArrays() {
    }

    static void write(DataOutputStream out, float[]... arrays) throws IOException {
        for (float[] a : arrays) {
            out.writeInt(a.length);
            for (float f : a) {
                out.writeFloat(f);
            }
        }
    }

    static float[][] read(DataInputStream in, int count) throws IOException {
        float[][] arrays = new float[count][];
        for (int k = 0; k < count; k++) {
            arrays[k] = new float[in.readInt()];
            for (int i = 0; i < arrays[k].length; i++) {
                arrays[k][i] = in.readFloat();
            }
        }
        return arrays;
    }
}
