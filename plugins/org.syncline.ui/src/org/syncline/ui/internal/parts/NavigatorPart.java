package org.syncline.ui.internal.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.syncline.ui.WorkbenchIds;

/**
 * The navigator: the tree of machines, jobs, schedules and monitors of the open database.
 * It is empty until a database is opened.
 */
public class NavigatorPart {

    private TreeViewer viewer;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setContentProvider(new EmptyTreeContent());
        viewer.setInput(new Object());
        viewer.getTree().setData(WorkbenchIds.WIDGET_ID_KEY, WorkbenchIds.WIDGET_NAVIGATOR_TREE);
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    /** Content while no database is open: nothing. */
    private static final class EmptyTreeContent implements ITreeContentProvider {
        private static final Object[] NONE = new Object[0];

        @Override
        public Object[] getElements(Object input) {
            return NONE;
        }

        @Override
        public Object[] getChildren(Object parent) {
            return NONE;
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return false;
        }
    }
}
