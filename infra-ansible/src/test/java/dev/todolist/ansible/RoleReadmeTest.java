package dev.todolist.ansible;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role's README is its reference: its variables table names exactly the variables the role
 * takes (the options of meta/argument_specs.yml, some of which have no default on purpose), so neither can
 * gain or lose one unnoticed. The defaults themselves live only in defaults/main.yml.
 */
class RoleReadmeTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Set<String> SECRETS_WITHOUT_DEFAULT = Set.of("todolist_mongodb_password", "todolist_session_secret");

    @Test
    void readmeListsExactlyTheRoleVariables() throws IOException {
        // Every variable the role takes is an option of its argument specs (some have no default).
        Set<String> declared = new TreeSet<>();
        Matcher options = Pattern.compile("(?m)^      (todolist_\\w+):")
                .matcher(Files.readString(MODULE.resolve("src/main/ansible/roles/todolist/meta/argument_specs.yml")));
        while (options.find()) {
            declared.add(options.group(1));
        }
        assertTrue(declared.containsAll(SECRETS_WITHOUT_DEFAULT), "the argument specs lost a secret: " + declared);

        String readme = Files.readString(MODULE.resolve("README.md"));
        String table = readme.substring(readme.indexOf("## Role variables"), readme.indexOf("## ", readme.indexOf("## Role variables") + 3));
        Set<String> documented = new TreeSet<>();
        Matcher names = Pattern.compile("`(todolist_\\w+)`").matcher(table);
        while (names.find()) {
            documented.add(names.group(1));
        }

        assertEquals(declared, documented, "README.md's 'Role variables' must name every option of meta/argument_specs.yml");
    }
}
