package org.syncline.persistence.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * Replaces reference stubs with the objects they stand for.
 *
 * <p>Mappers load a cross-reference (a job path's machine, a schedule's jobs) as a stub: a new
 * object of the referenced class holding only its {@code id}. After loading, the stubs are
 * swapped for the loaded objects of the same class and id, so that the graph is one connected EMF
 * model. An object counts as a stub when it has no container.
 */
public final class ReferenceResolver {

    private record Key(EClass eClass, long id) {
    }

    private final Map<Key, EObject> targets = new HashMap<>();

    /** Makes every object contained in {@code root} (and {@code root} itself) a possible target. */
    public ReferenceResolver addTargets(EObject root) {
        add(root);
        for (TreeIterator<EObject> contents = root.eAllContents(); contents.hasNext();) {
            add(contents.next());
        }
        return this;
    }

    /** Replaces the stubs referenced from {@code root} and everything it contains. */
    public void resolve(EObject root) {
        resolveReferences(root);
        for (TreeIterator<EObject> contents = root.eAllContents(); contents.hasNext();) {
            resolveReferences(contents.next());
        }
    }

    @SuppressWarnings("unchecked")
    private void resolveReferences(EObject object) {
        for (EReference reference : object.eClass().getEAllReferences()) {
            if (reference.isContainment() || reference.isContainer() || reference.isDerived() || !reference.isChangeable()) {
                continue;
            }
            if (reference.isMany()) {
                EList<EObject> values = (EList<EObject>) object.eGet(reference);
                for (int i = 0; i < values.size(); i++) {
                    if (isStub(values.get(i))) {
                        values.set(i, target(object, reference, values.get(i)));
                    }
                }
            } else {
                EObject value = (EObject) object.eGet(reference);
                if (isStub(value)) {
                    object.eSet(reference, target(object, reference, value));
                }
            }
        }
    }

    private EObject target(EObject owner, EReference reference, EObject stub) {
        EObject target = targets.get(key(stub));
        if (target == null) {
            throw new IllegalStateException("The database is inconsistent: " + owner.eClass().getName() + " " + id(owner)
                    + " refers through '" + reference.getName() + "' to " + stub.eClass().getName() + " " + id(stub) + ", which does not exist.");
        }
        return target;
    }

    private static boolean isStub(EObject object) {
        return object != null && object.eContainer() == null && object.eResource() == null && idAttribute(object.eClass()) != null;
    }

    private void add(EObject object) {
        if (idAttribute(object.eClass()) != null) {
            targets.put(key(object), object);
        }
    }

    private static Key key(EObject object) {
        return new Key(object.eClass(), id(object));
    }

    private static long id(EObject object) {
        EAttribute id = idAttribute(object.eClass());
        return id == null ? 0 : (Long) object.eGet(id);
    }

    private static EAttribute idAttribute(EClass eClass) {
        List<EAttribute> attributes = eClass.getEAllAttributes();
        for (EAttribute attribute : attributes) {
            if (attribute.getName().equals("id") && attribute.getEAttributeType().getInstanceClass() == long.class) {
                return attribute;
            }
        }
        return null;
    }
}
