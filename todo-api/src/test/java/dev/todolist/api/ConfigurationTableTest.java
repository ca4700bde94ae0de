package dev.todolist.api;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.bind.annotation.Bindable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md lists exactly the environment variables the API reads, with the defaults
 * the code has, and no default is written twice. The variables are collected from the code: the
 * {@code @ConfigurationProperties} records (name from prefix and component, default from
 * {@code @Bindable}), the property placeholders in annotations ({@code @Value}, {@code @Scheduled},
 * {@code @Requires}, {@code @Property}), the {@code ${VARIABLE:default}} placeholders of
 * application.yml and logback.xml, and what {@link StartupSettings} reads from the environment.
 */
class ConfigurationTableTest {

    /** Properties that main() sets itself from a variable StartupSettings reads. */
    private static final Map<String, String> SET_BY_MAIN = Map.of(
            "todolist.environment", "APP_ENV", "mongodb.uri", "MONGODB_URI");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9._-]*)(?::-?([^}]*))?}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]+) \\|.*\\|$");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    /** Main classes only: not test-classes directories, nor the test jars other modules' tests come in. */
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.todolist");

    private final Map<String, Object> yaml = flatten("", load("application.yml"));

    @Test
    void theTableListsExactlyTheVariablesTheCodeReadsWithTheirDefaults() throws IOException {
        Map<String, String> read = variablesReadByTheCode();
        Map<String, String> documented = documentedVariables();
        documented.keySet().removeIf(name -> name.startsWith("MICRONAUT_"));
        TreeSet<String> undocumented = new TreeSet<>(read.keySet());
        undocumented.removeAll(documented.keySet());
        TreeSet<String> unread = new TreeSet<>(documented.keySet());
        unread.removeAll(read.keySet());
        assertTrue(undocumented.isEmpty() && unread.isEmpty(), "docs/configuration.md lacks " + undocumented
                + " and lists " + unread + ", which the code does not read");
        List<String> wrongDefaults = new ArrayList<>();
        read.forEach((name, value) -> {
            if (!value.isEmpty() && !documented.get(name).equals("`" + value + "`")) {
                wrongDefaults.add(name + ": the code says `" + value + "`, the table " + documented.get(name));
            }
        });
        assertTrue(wrongDefaults.isEmpty(), String.join("\n", wrongDefaults));
    }

    @Test
    void theFrameworkSettingsInTheTableAreTheOnesApplicationYmlSets() throws IOException {
        Map<String, String> documented = documentedVariables();
        documented.keySet().removeIf(name -> !name.startsWith("MICRONAUT_"));
        assertTrue(!documented.isEmpty());
        documented.forEach((name, value) -> {
            Optional<String> property = yaml.keySet().stream().filter(p -> variable(p).equals(name)).findFirst();
            assertTrue(property.isPresent(), name + " is documented but application.yml does not set it");
            assertEquals(value, "`" + yaml.get(property.get()) + "`", name + "'s default");
        });
    }

    @Test
    void aRecordsDefaultIsNotRepeatedInApplicationYml() {
        List<String> repeated = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> property : recordProperties().entrySet()) {
            Object value = yaml.get(property.getKey());
            if (value == null) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(value.toString());
            boolean hasDefault = !placeholder.matches() || placeholder.group(2) != null && !placeholder.group(2).isEmpty();
            if (hasDefault) {
                repeated.add(property.getKey() + ": " + value);
            }
        }
        assertTrue(repeated.isEmpty(), "defaults belong to the @ConfigurationProperties record: " + repeated);
    }

    /**
     * Each settings property without an alias in application.yml is set by the variable the table
     * names for it, through Micronaut's mapping of environment variables (the variable's
     * underscores read as dots or dashes).
     */
    @Test
    void eachSettingIsSetByTheVariableTheTableNames() {
        Map<String, Object> variables = new HashMap<>();
        for (String property : recordProperties().keySet()) {
            if (!yaml.containsKey(property)) {
                variables.put(variableOf(property), "set-by-" + variableOf(property));
            }
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .propertySources(PropertySource.of("variables", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            Environment environment = context.getEnvironment().start();
            for (String property : recordProperties().keySet()) {
                if (!yaml.containsKey(property)) {
                    assertEquals(Optional.of("set-by-" + variableOf(property)), environment.getProperty(property, String.class),
                            property);
                }
            }
        }
    }

    private Map<String, String> variablesReadByTheCode() throws IOException {
        Map<String, String> variables = new HashMap<>();
        recordProperties().forEach((property, value) -> variables.put(variableOf(property), value.orElse("")));
        for (JavaClass javaClass : MAIN_CLASSES) {
            for (JavaAnnotation<?> annotation : annotationsOf(javaClass)) {
                annotation.getProperties().values().forEach(value -> placeholders(String.valueOf(value), variables));
                if (annotation.getRawType().getName().startsWith("io.micronaut.context.annotation.Requires")) {
                    annotation.get("property").map(String::valueOf).filter(p -> !p.isEmpty())
                            .ifPresent(property -> variables.putIfAbsent(variableOf(property), ""));
                }
            }
        }
        yaml.values().forEach(value -> placeholders(String.valueOf(value), variables));
        try (InputStream logback = getClass().getResourceAsStream("/logback.xml")) {
            placeholders(new String(logback.readAllBytes(), StandardCharsets.UTF_8), variables);
        }
        RecordingEnvironment environment = new RecordingEnvironment();
        StartupSettings.fromEnvironment(environment);
        environment.put("APP_ENV", "production");
        StartupSettings.fromEnvironment(environment);
        environment.read.forEach(name -> variables.putIfAbsent(name, ""));
        variables.keySet().removeIf(name -> !VARIABLE.matcher(name).matches());
        return variables;
    }

    /** Adds each {@code ${property:default}} or {@code ${VARIABLE:default}} of {@code text}. */
    private void placeholders(String text, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.startsWith("random.") || name.startsWith("micronaut.") || name.equals("todolist.log.format")) {
                continue; // the framework's own, or a system property main() sets
            }
            String variable = VARIABLE.matcher(name).matches() ? name : variableOf(name);
            String value = matcher.group(2) == null ? "" : matcher.group(2);
            if (!variable.equals(name) && yaml.containsKey(name)) {
                continue; // application.yml binds it to a variable of another name, collected from there
            }
            variables.merge(variable, value, (a, b) -> a.isEmpty() ? b : a);
        }
    }

    /** Every property of a {@code @ConfigurationProperties} record, with its {@code @Bindable} default. */
    private static Map<String, Optional<String>> recordProperties() {
        Map<String, Optional<String>> properties = new HashMap<>();
        for (JavaClass javaClass : MAIN_CLASSES) {
            if (!javaClass.isAnnotatedWith(ConfigurationProperties.class)) {
                continue;
            }
            Class<?> type = javaClass.reflect();
            assertTrue(type.isRecord(), type + ": settings are records, so that each default is written once");
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            RecordComponent[] components = type.getRecordComponents();
            Parameter[] parameters = canonicalConstructor(type, components).getParameters();
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                Bindable bindable = parameters[i].getAnnotation(Bindable.class);
                String value = bindable == null || bindable.defaultValue().isEmpty() ? null : bindable.defaultValue();
                properties.put(prefix + "." + kebab(component.getName()), Optional.ofNullable(value));
            }
        }
        return properties;
    }

    /** The variable a property is set by: the one application.yml names for it, else Micronaut's mapping. */
    private String variableOf(String property) {
        if (SET_BY_MAIN.containsKey(property)) {
            return SET_BY_MAIN.get(property);
        }
        Object value = yaml.get(property);
        if (value != null) {
            Matcher placeholder = PLACEHOLDER.matcher(value.toString());
            if (placeholder.matches() && VARIABLE.matcher(placeholder.group(1)).matches()) {
                return placeholder.group(1);
            }
        }
        return variable(property);
    }

    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Constructor<?> canonicalConstructor(Class<?> type, RecordComponent[] components) {
        try {
            return type.getDeclaredConstructor(Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<JavaAnnotation<?>> annotationsOf(JavaClass javaClass) {
        List<JavaAnnotation<?>> annotations = new ArrayList<>(javaClass.getAnnotations());
        javaClass.getMembers().forEach(member -> annotations.addAll(member.getAnnotations()));
        javaClass.getCodeUnits().forEach(unit -> unit.getParameters()
                .forEach(parameter -> annotations.addAll(parameter.getAnnotations())));
        return annotations;
    }

    /** The table rows of docs/configuration.md: variable name to its default cell. */
    private static Map<String, String> documentedVariables() throws IOException {
        Map<String, String> documented = new HashMap<>();
        for (String line : Files.readAllLines(repositoryRoot().resolve("docs/configuration.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            Matcher names = BACKTICKED.matcher(row.group(1));
            while (names.find()) {
                if (VARIABLE.matcher(names.group(1)).matches()) {
                    documented.put(names.group(1), row.group(2).strip());
                }
            }
        }
        return documented;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Map<String, Object> tree) {
        Map<String, Object> flat = new HashMap<>();
        tree.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                flat.putAll(flatten(name, (Map<String, Object>) child));
            } else if (value instanceof List<?> list) {
                flat.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                flat.put(name, value);
            }
        });
        return flat;
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = ConfigurationTableTest.class.getResourceAsStream("/" + resource)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        return Stream.iterate(Path.of("").toAbsolutePath(), dir -> dir != null, Path::getParent)
                .filter(dir -> Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no repository root above the working directory"));
    }

    /** An empty environment that remembers every name asked for. */
    private static final class RecordingEnvironment extends HashMap<String, String> {
        private final List<String> read = new ArrayList<>();

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return super.get(key);
        }
    }
}
