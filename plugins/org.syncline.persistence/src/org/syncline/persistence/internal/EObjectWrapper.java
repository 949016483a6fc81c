package org.syncline.persistence.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.apache.ibatis.reflection.factory.ObjectFactory;
import org.apache.ibatis.reflection.property.PropertyTokenizer;
import org.apache.ibatis.reflection.wrapper.ObjectWrapper;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * MyBatis's view of one EMF object: property names are feature names, values go through
 * {@code eGet}/{@code eSet}. A many-valued feature is set by replacing the list's content, so
 * MyBatis can fill {@code Job.paths} or {@code Trigger.timesOfDay} although EMF offers no setter
 * for them. Dotted names ({@code machine.id}) are followed from object to object; for types this
 * class follows the model's references.
 */
final class EObjectWrapper implements ObjectWrapper {

    private final MetaObject metaObject;
    private final EObject object;

    EObjectWrapper(MetaObject metaObject, EObject object) {
        this.metaObject = metaObject;
        this.object = object;
    }

    @Override
    public Object get(PropertyTokenizer property) {
        requireNoIndex(property);
        if (property.hasNext()) {
            MetaObject child = metaObject.metaObjectForProperty(property.getName());
            return child == SystemMetaObject.NULL_META_OBJECT ? null : child.getValue(property.getChildren());
        }
        return object.eGet(feature(object.eClass(), property.getName()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void set(PropertyTokenizer property, Object value) {
        requireNoIndex(property);
        if (property.hasNext()) {
            MetaObject child = metaObject.metaObjectForProperty(property.getName());
            if (child == SystemMetaObject.NULL_META_OBJECT) {
                if (value == null) {
                    return;
                }
                child = instantiatePropertyValue(property.getName(), property, metaObject.getObjectFactory());
            }
            child.setValue(property.getChildren(), value);
            return;
        }
        EStructuralFeature feature = feature(object.eClass(), property.getName());
        if (feature.isMany()) {
            List<Object> list = (List<Object>) object.eGet(feature);
            list.clear();
            if (value != null) {
                list.addAll((Collection<Object>) value);
            }
        } else {
            object.eSet(feature, value);
        }
    }

    @Override
    public String findProperty(String name, boolean useCamelCaseMapping) {
        String wanted = (useCamelCaseMapping ? name.replace("_", "") : name).toLowerCase(Locale.ROOT);
        for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
            if (feature.getName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return feature.getName();
            }
        }
        return null;
    }

    @Override
    public String[] getGetterNames() {
        return object.eClass().getEAllStructuralFeatures().stream().map(EStructuralFeature::getName).toArray(String[]::new);
    }

    @Override
    public String[] getSetterNames() {
        return object.eClass().getEAllStructuralFeatures().stream().filter(EStructuralFeature::isChangeable)
                .map(EStructuralFeature::getName).toArray(String[]::new);
    }

    @Override
    public Class<?> getSetterType(String name) {
        return typeOf(feature(object.eClass(), name));
    }

    @Override
    public Class<?> getGetterType(String name) {
        return typeOf(feature(object.eClass(), name));
    }

    @Override
    public boolean hasSetter(String name) {
        EStructuralFeature feature = findFeature(object.eClass(), name);
        return feature != null && feature.isChangeable();
    }

    @Override
    public boolean hasGetter(String name) {
        return findFeature(object.eClass(), name) != null;
    }

    @Override
    public MetaObject instantiatePropertyValue(String name, PropertyTokenizer property, ObjectFactory objectFactory) {
        EStructuralFeature feature = feature(object.eClass(), property.getName());
        if (!(feature instanceof EReference reference) || reference.isMany()) {
            throw new ReflectionException("Cannot create a value for " + object.eClass().getName() + "." + name);
        }
        Object value = objectFactory.create(reference.getEReferenceType().getInstanceClass());
        object.eSet(feature, value);
        return metaObject.metaObjectForProperty(property.getName());
    }

    @Override
    public boolean isCollection() {
        return false;
    }

    @Override
    public void add(Object element) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <E> void addAll(List<E> elements) {
        throw new UnsupportedOperationException();
    }

    private static Class<?> typeOf(EStructuralFeature feature) {
        return feature.isMany() ? List.class : feature.getEType().getInstanceClass();
    }

    /** The feature at the end of a possibly dotted path, following references by their type. */
    private static EStructuralFeature findFeature(EClass eClass, String path) {
        PropertyTokenizer tokens = new PropertyTokenizer(path);
        EStructuralFeature feature = eClass.getEStructuralFeature(tokens.getName());
        if (feature == null || !tokens.hasNext()) {
            return feature;
        }
        if (feature instanceof EReference reference && !reference.isMany()) {
            return findFeature(reference.getEReferenceType(), tokens.getChildren());
        }
        return null;
    }

    private static EStructuralFeature feature(EClass eClass, String path) {
        EStructuralFeature feature = findFeature(eClass, path);
        if (feature == null) {
            throw new ReflectionException("The model class " + eClass.getName() + " has no feature '" + path + "'");
        }
        return feature;
    }

    private static void requireNoIndex(PropertyTokenizer property) {
        if (property.getIndex() != null) {
            throw new ReflectionException("Indexed properties are not used with model objects: " + property.getIndexedName());
        }
    }
}
