package dev.todolist.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/** Starts the API of an {@link ApiTest} class, sets its {@link Api} fields, and stops it after the class. */
public final class RunningApiExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningApiExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        Map<String, Object> properties = new HashMap<>();
        for (String property : AnnotationSupport.findAnnotation(testClass, ApiTest.class).orElseThrow().properties()) {
            int equals = property.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("@ApiTest property '" + property + "' of " + testClass + " is not name=value");
            }
            properties.put(property.substring(0, equals).strip(), property.substring(equals + 1).strip());
        }
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, ApiTest.Properties.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            method.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, ?> computed = (Map<String, ?>) method.invoke(null);
            properties.putAll(computed);
        }
        RunningApi server = RunningApi.start(testClass.getSimpleName(), properties);
        // Closed by JUnit when the class is done (an AutoCloseable in the class's store).
        context.getStore(NAMESPACE).put(RunningApi.class, server);
        for (Field field : AnnotationSupport.findAnnotatedFields(testClass, Api.class)) {
            if (!ModifierSupport.isStatic(field) || field.getType() != RunningApi.class) {
                throw new IllegalStateException("@Api field " + field + " must be a static RunningApi");
            }
            String user = field.getAnnotation(Api.class).user();
            field.setAccessible(true);
            field.set(null, user.isEmpty() ? server : server.signedUp(user));
        }
    }
}
