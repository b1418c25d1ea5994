package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The browser test never passes silently under CI: without chromium it skips locally and fails when required. */
class BrowserRequirementTest {
    @Test
    void missingBrowserFailsWhenRequiredAndSkipsOtherwise() {
        AssertionError required = assertThrows(AssertionError.class,
                () -> DashboardBrowserTest.requireBrowser(Map.of("GROVE_REQUIRE_BROWSER", "1"), false));
        assertTrue(required.getMessage().startsWith("GROVE_REQUIRE_BROWSER=1 but /usr/bin/chromium"), required.getMessage());
        assertThrows(TestAbortedException.class, () -> DashboardBrowserTest.requireBrowser(Map.of(), false));
        DashboardBrowserTest.requireBrowser(Map.of("GROVE_REQUIRE_BROWSER", "1"), true);
    }
}
