package dev.grove.server;

import static dev.grove.server.ProblemAssert.detail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow, stalled and oversized requests: others are still answered at once, and the slow ones are cut off. */
class SlowClientTest {
    @TempDir
    Path dir;

    @Test
    void slowAndStalledClientsDoNotHoldUpOthersAndAreCutOff() throws Exception {
        try (TestServer s = new TestServer(dir, b -> b.idleTimeout(Duration.ofSeconds(2)).maxBodyBytes(64 * 1024))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 30; i++) {
                    Socket sock = new Socket("127.0.0.1", s.server.port());
                    OutputStream out = sock.getOutputStream();
                    if (i % 2 == 0) { // headers that never end
                        out.write("GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    } else { // a body that never comes
                        out.write(("POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServer.TOKEN
                                + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"da")
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    slow.add(sock);
                }
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    assertEquals(200, s.http.get("/api/runs").status());
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(ms < 1000, "a normal request waited " + ms + " ms behind slow ones");
                }
                // the stalled connections are closed by the server after the idle timeout
                for (Socket sock : slow) {
                    sock.setSoTimeout(10_000);
                    InputStream in = sock.getInputStream();
                    byte[] buf = new byte[4096];
                    int n;
                    do {
                        n = in.read(buf);
                    } while (n > 0);
                    assertEquals(-1, n, "the server closed the stalled connection");
                }
            } finally {
                for (Socket sock : slow) {
                    sock.close();
                }
            }
            String big = "{\"rows\":[" + "{\"a\":1},".repeat(20_000) + "{\"a\":1}]}";
            assertTrue(detail(s.http.post("/api/models/x/predict?model=@production", big), 413).contains("at most 65536"));
            assertEquals(200, s.http.get("/health").status());
        }
    }
}
