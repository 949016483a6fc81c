package org.syncline.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.syncline.test.support.ui.UiDriver;
import org.syncline.ui.WorkbenchIds;

/** The real workbench: its main window, and Help &gt; About through the menu. */
class MainWindowTest {

    private static UiDriver ui;
    private static Shell main;

    @BeforeAll
    static void attach() {
        ui = UiDriver.attach(Duration.ofSeconds(60));
        main = ui.waitForShell(WorkbenchIds.WINDOW_MAIN);
    }

    @Test
    void mainWindowShowsEmptyNavigatorAndStatusLine() throws Exception {
        assertEquals(WorkbenchIds.PRODUCT_NAME, ui.textOf(main));
        Tree navigator = ui.waitForControl(main, WorkbenchIds.WIDGET_NAVIGATOR_TREE, Tree.class);
        assertEquals(0, ui.onUi(navigator::getItemCount).intValue());

        Label status = ui.waitForControl(main, WorkbenchIds.WIDGET_STATUS_TEXT, Label.class);
        assertEquals("No database open", ui.textOf(status));
        assertTrue(ui.onUi(() -> {
            Rectangle client = main.getClientArea();
            Rectangle visible = ui.display().map(main, null, client);
            Rectangle line = ui.display().map(status.getParent(), null, status.getBounds());
            return status.isVisible() && line.height > 0 && visible.contains(line.x, line.y)
                    && visible.contains(line.x + line.width - 1, line.y + line.height - 1);
        }), "the status line lies inside the visible area of the main window");
        String screenshots = System.getProperty("syncline.screenshots");
        if (screenshots != null) {
            ui.screenshot(Path.of(screenshots, "workbench-main-window.png"));
        }
    }

    @Test
    void helpAboutShowsNameAndVersionOfTheRunningBuild() {
        ui.clickMenuItem(main, WorkbenchIds.MENU_ITEM_ABOUT);
        Shell about = ui.waitForShell(WorkbenchIds.WIDGET_ABOUT_SHELL);

        Label name = ui.waitForControl(about, WorkbenchIds.WIDGET_ABOUT_NAME, Label.class);
        assertEquals("Syncline Workbench", ui.textOf(name));

        Label version = ui.waitForControl(about, WorkbenchIds.WIDGET_ABOUT_VERSION, Label.class);
        Bundle bundle = uiBundle();
        String release = bundle.getVersion().getMajor() + "." + bundle.getVersion().getMinor()
                + "." + bundle.getVersion().getMicro();
        String expected = "Version " + release + " (build " + bundle.getVersion().getQualifier() + ")";
        assertEquals(expected, ui.textOf(version));
        assertTrue(Pattern.matches("Version \\d+\\.\\d+\\.\\d+ \\(build v\\d{8}-\\d{4}\\)", ui.textOf(version)),
                "release builds carry a timestamp qualifier: " + ui.textOf(version));

        Button close = ui.waitForButton(about, "Close");
        ui.click(close);
        ui.waitForShellGone(WorkbenchIds.WIDGET_ABOUT_SHELL);
    }

    private static Bundle uiBundle() {
        Bundle self = FrameworkUtil.getBundle(MainWindowTest.class);
        for (Bundle b : self.getBundleContext().getBundles()) {
            if ("org.syncline.ui".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("org.syncline.ui is not installed");
    }
}
