package dev.grove.internal;

import dev.grove.ModelIntegrityException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The frame of the trainers' own model files: a magic line naming the format and its version, a
 * 4-byte big-endian length and that many bytes of JSON header, then the trainer's body. Reading
 * refuses anything else with {@link ModelIntegrityException} saying what is wrong; nothing here
 * runs Java deserialization.
 *
 * @param kind           how messages name the file, e.g. {@code Grove Spark model}
 * @param trainer        the trainer that writes it, for the "not written by" message
 * @param maxHeaderBytes the longest header accepted (a hostile length must not allocate gigabytes)
 */
public record FramedModelFile(String kind, String trainer, int maxHeaderBytes) {

    /** Writes the magic line and the header; the caller writes the body to the returned stream and flushes it. */
    public DataOutputStream begin(OutputStream out, String magic, Object header) throws IOException {
        byte[] json = GroveJson.compactWriter().writeValueAsBytes(header);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(line(magic));
        data.writeInt(json.length);
        data.write(json);
        return data;
    }

    /** The stream positioned after the magic line, and which of the accepted magics it carried. */
    public record Opened(DataInputStream data, String magic) {
    }

    /** Reads the magic line; refuses a file that starts with none of {@code magics} (the first is the current one). */
    public Opened open(InputStream raw, String... magics) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        int longest = Arrays.stream(magics).mapToInt(m -> line(m).length).max().orElseThrow();
        in.mark(longest);
        for (String magic : magics) {
            byte[] expected = line(magic);
            in.reset();
            if (Arrays.equals(in.readNBytes(expected.length), expected)) {
                return new Opened(new DataInputStream(in), magic);
            }
        }
        List<String> others = Arrays.asList(magics).subList(1, magics.length);
        throw new ModelIntegrityException("not a " + kind + ": the file does not start with " + magics[0]
                + (others.isEmpty() ? "" : " (or " + String.join(", ", others) + ")") + "; it was not written by the "
                + trainer + " trainer (load it with the trainer that wrote it)");
    }

    /** Reads the length-prefixed JSON header as {@code type}. */
    public <H> H header(DataInputStream data, Class<H> type) throws IOException {
        try {
            int length = data.readInt();
            if (length <= 0 || length > maxHeaderBytes) {
                throw damaged("its header length " + length + " is out of range", null);
            }
            byte[] json = data.readNBytes(length);
            if (json.length < length) {
                throw truncated(null);
            }
            return GroveJson.reader(type).readValue(json);
        } catch (EOFException e) {
            throw truncated(e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw damaged("its header is not valid (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** What a body reads from the rest of the file. */
    public interface BodyReader<T> {
        T read(DataInputStream body) throws IOException;
    }

    /** Reads the body from the rest of the file; refuses a truncated body and bytes left after it. */
    public <T> T body(DataInputStream data, BodyReader<T> reader) throws IOException {
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(data.readAllBytes()));
        T value;
        try {
            value = reader.read(body);
        } catch (EOFException e) {
            throw truncated(e);
        } catch (IOException e) {
            throw damaged(e.getMessage(), e);
        }
        if (body.available() != 0) {
            throw damaged(body.available() + " unexpected bytes after the trees", null);
        }
        return value;
    }

    /** A damaged file: {@code damaged KIND: DETAIL; restore the file from the training output}. */
    public ModelIntegrityException damaged(String detail, Throwable cause) {
        return new ModelIntegrityException("damaged " + kind + ": " + detail + "; restore the file from the training output",
                cause);
    }

    /** A file that ends before its frame or body does. */
    public ModelIntegrityException truncated(Throwable cause) {
        return new ModelIntegrityException("damaged " + kind + ": the file ends early (truncated copy?); restore it "
                + "from the training output", cause);
    }

    private static byte[] line(String magic) {
        return (magic + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
