package org.syncline.persistence.internal;

import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.wrapper.ObjectWrapper;
import org.apache.ibatis.reflection.wrapper.ObjectWrapperFactory;
import org.eclipse.emf.ecore.EObject;

/** Makes MyBatis read and write every EMF object through {@link EObjectWrapper}. */
final class EObjectWrapperFactory implements ObjectWrapperFactory {

    @Override
    public boolean hasWrapperFor(Object object) {
        return object instanceof EObject;
    }

    @Override
    public ObjectWrapper getWrapperFor(MetaObject metaObject, Object object) {
        return new EObjectWrapper(metaObject, (EObject) object);
    }
}
