package dev.todolist.api.problem;

import dev.todolist.problem.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** Bean Validation violations named the way the client wrote the field, e.g. {@code tags[1]}. */
final class FieldViolations {

    private FieldViolations() {
    }

    static FieldViolation of(ConstraintViolation<?> violation) {
        return new FieldViolation(fieldName(violation.getPropertyPath()), violation.getMessage());
    }

    /** {@code create.request.tags[1].<list element>} -> {@code tags[1]}: the method and parameter are ours, not the client's. */
    private static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(node.getName());
            }
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
        }
        return name.isEmpty() && parameter != null ? parameter : name.toString();
    }
}
