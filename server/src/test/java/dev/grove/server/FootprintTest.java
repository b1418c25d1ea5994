package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the server module brings onto a class path: the reactor's one Jackson, no Spark, no WebSocket stack. */
class FootprintTest {
    @Test
    void oneJacksonTheReactorsAndNothingHeavy() {
        String expected = System.getProperty("grove.expected.jackson");
        assertEquals(expected, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                "Javalin's Jackson is optional: the one on the class path must be the reactor's");
        for (String absent : new String[] {"org.apache.spark.SparkContext", "scala.Option",
            "org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet", "org.eclipse.jetty.annotations.AnnotationParser",
            "tools.jackson.databind.ObjectMapper", "com.fasterxml.jackson.module.kotlin.KotlinModule"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent + " is on the class path");
        }
    }
}
