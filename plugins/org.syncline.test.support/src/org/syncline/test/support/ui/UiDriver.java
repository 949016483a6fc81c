package org.syncline.test.support.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * Drives a running SWT workbench from a test thread, the small part of what SWTBot does that
 * our UI tests need (SWTBot is not published on Maven Central).
 *
 * <p>Threading: every method may be called from any thread except the UI thread; each one
 * hops onto the UI thread itself. Widgets are found by the id stored under
 * {@link #WIDGET_ID_KEY}, or by the element id of the e4 model element that rendered them.
 * Waits poll until a condition holds and fail with the description of what was awaited.
 */
public final class UiDriver {

    /** The widget data key under which Syncline widgets carry their id. */
    public static final String WIDGET_ID_KEY = "id";

    /** The widget data key under which the e4 renderers store the rendered model element. */
    private static final String MODEL_ELEMENT_KEY = "modelElement";

    private static final Duration POLL = Duration.ofMillis(50);

    private final Display display;
    private final Duration timeout;

    private UiDriver(Display display, Duration timeout) {
        this.display = display;
        this.timeout = timeout;
    }

    /**
     * Attaches to the display of the workbench that runs in this JVM, waiting for it to
     * appear. It looks the display up by its thread: {@code Display.getDefault()} would
     * create a second display on the calling thread.
     */
    public static UiDriver attach(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                Display found = Display.findDisplay(thread);
                if (found != null && !found.isDisposed()) {
                    return new UiDriver(found, timeout);
                }
            }
            sleep(POLL);
        }
        throw new AssertionError("No SWT display appeared within " + timeout);
    }

    public Display display() {
        return display;
    }

    /** Runs {@code action} on the UI thread and returns its result, rethrowing its failure. */
    public <T> T onUi(Callable<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(action.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Throwable e = failure.get();
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }

    /** Runs {@code action} on the UI thread. */
    public void onUi(Runnable action) {
        onUi(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Waits until {@code probe}, evaluated on the UI thread, yields a present value.
     *
     * @throws AssertionError naming {@code what} when the timeout passes first
     */
    public <T> T waitFor(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = onUi(probe::get);
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            sleep(POLL);
        }
    }

    /** Waits until {@code condition}, evaluated on the UI thread, holds. */
    public void waitUntil(String what, Supplier<Boolean> condition) {
        waitFor(what, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits for a visible shell whose widget id or model element id is {@code id}. */
    public Shell waitForShell(String id) {
        return waitFor("shell '" + id + "'", () -> visibleShells().stream()
                .filter(shell -> hasId(shell, id))
                .findFirst());
    }

    /** Waits until no visible shell has the id {@code id}. */
    public void waitForShellGone(String id) {
        waitUntil("shell '" + id + "' to close",
                () -> visibleShells().stream().noneMatch(shell -> hasId(shell, id)));
    }

    /** Waits for a control with the id {@code id} inside {@code root}. */
    public <T extends Control> T waitForControl(Composite root, String id, Class<T> type) {
        return waitFor(type.getSimpleName() + " '" + id + "'",
                () -> findControl(root, id).filter(type::isInstance).map(type::cast));
    }

    /** The text of a label or button, read on the UI thread. */
    public String textOf(Control control) {
        return onUi(() -> switch (control) {
            case Label label -> label.getText();
            case Button button -> button.getText();
            case Shell shell -> shell.getText();
            default -> throw new IllegalArgumentException("No text on " + control);
        });
    }

    /**
     * Clicks the menu item whose model element id is {@code itemId}, in the menu bar of
     * {@code shell}. The item's menu is shown first, as a person's click would, so that e4
     * updates its enablement; then the selection runs the bound command's handler.
     */
    public void clickMenuItem(Shell shell, String itemId) {
        MenuItem item = waitFor("menu item '" + itemId + "'",
                () -> Optional.ofNullable(shell.getMenuBar()).flatMap(bar -> findMenuItem(bar, itemId)));
        boolean enabled = onUi(() -> {
            item.getParent().notifyListeners(SWT.Show, new Event());
            return item.isEnabled();
        });
        if (!enabled) {
            throw new AssertionError("Menu item '" + itemId + "' is disabled");
        }
        display.asyncExec(() -> {
            item.notifyListeners(SWT.Selection, new Event());
            item.getParent().notifyListeners(SWT.Hide, new Event());
        });
    }

    /** Presses a push button asynchronously (it may open a modal dialog or close one). */
    public void click(Button button) {
        display.asyncExec(() -> {
            button.setFocus();
            button.notifyListeners(SWT.Selection, new Event());
        });
    }

    /** Finds the button of {@code shell} whose label, mnemonics removed, is {@code text}. */
    public Button waitForButton(Shell shell, String text) {
        return waitFor("button '" + text + "'", () -> descendants(shell).stream()
                .filter(Button.class::isInstance).map(Button.class::cast)
                .filter(b -> b.getText().replace("&", "").equals(text))
                .findFirst());
    }

    /** Writes a PNG of the whole screen to {@code file}, for documentation and diagnosis. */
    public void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageData data = onUi(() -> {
            Rectangle bounds = display.getBounds();
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, 0, 0);
                return image.getImageData();
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(file.toString(), SWT.IMAGE_PNG);
    }

    private List<Shell> visibleShells() {
        List<Shell> shells = new ArrayList<>();
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible()) {
                shells.add(shell);
            }
        }
        return shells;
    }

    private static Optional<Control> findControl(Composite root, String id) {
        return descendants(root).stream().filter(c -> hasId(c, id)).findFirst();
    }

    private static List<Control> descendants(Composite root) {
        List<Control> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Control control, List<Control> into) {
        if (control.isDisposed()) {
            return;
        }
        into.add(control);
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, into);
            }
        }
    }

    /**
     * Finds a menu item below {@code menu}. JFace fills a submenu only when it is shown, so
     * each submenu gets the {@code SWT.Show} a person's click would send before it is
     * searched.
     */
    private static Optional<MenuItem> findMenuItem(Menu menu, String itemId) {
        for (MenuItem item : menu.getItems()) {
            if (hasId(item, itemId)) {
                return Optional.of(item);
            }
            Menu submenu = item.getMenu();
            if (submenu != null) {
                submenu.notifyListeners(SWT.Show, new Event());
                Optional<MenuItem> nested = findMenuItem(submenu, itemId);
                submenu.notifyListeners(SWT.Hide, new Event());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code widget} carries {@code id}: as its Syncline widget id, as the element id
     * of the e4 model element that rendered it, or as the id of the JFace contribution item
     * behind it (menu items, whose id e4 sets to the model element id).
     */
    private static boolean hasId(Widget widget, String id) {
        if (id.equals(widget.getData(WIDGET_ID_KEY))) {
            return true;
        }
        if (widget.getData(MODEL_ELEMENT_KEY) instanceof MUIElement element
                && Objects.equals(id, element.getElementId())) {
            return true;
        }
        return widget.getData() instanceof IContributionItem item && id.equals(item.getId());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
