package org.syncline.persistence.internal;

import java.util.List;

import org.apache.ibatis.reflection.factory.DefaultObjectFactory;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EPackage;

/**
 * Lets MyBatis create model objects through the EMF factory.
 *
 * <p>Why this mapping: the mappers' result maps name the model's interfaces ({@code Job},
 * {@code Machine}, ...), and MyBatis asks this factory for an instance. Creating it with
 * {@code EFactory.create(EClass)} gives a genuine EMF object (notifications, containment,
 * {@code EcoreUtil.equals}) without a parallel DTO class per table and without MyBatis knowing
 * the generated {@code *Impl} classes. Properties are then read and written through
 * {@link EObjectWrapper}, that is through EMF's reflective {@code eGet}/{@code eSet}. Every other
 * type (lists, maps, JDK classes) is created as MyBatis normally does.
 */
final class EObjectFactory extends DefaultObjectFactory {

    private static final long serialVersionUID = 1L;

    private final transient EPackage modelPackage;

    EObjectFactory(EPackage modelPackage) {
        this.modelPackage = modelPackage;
    }

    @Override
    public <T> T create(Class<T> type, List<Class<?>> constructorArgTypes, List<Object> constructorArgs) {
        EClass eClass = eClassFor(type);
        if (eClass == null) {
            return super.create(type, constructorArgTypes, constructorArgs);
        }
        if (constructorArgTypes != null && !constructorArgTypes.isEmpty()) {
            throw new IllegalArgumentException("Model objects take no constructor arguments: " + type.getName());
        }
        return type.cast(modelPackage.getEFactoryInstance().create(eClass));
    }

    private EClass eClassFor(Class<?> type) {
        for (EClassifier classifier : modelPackage.getEClassifiers()) {
            if (classifier instanceof EClass eClass && !eClass.isAbstract() && eClass.getInstanceClass() == type) {
                return eClass;
            }
        }
        return null;
    }
}
