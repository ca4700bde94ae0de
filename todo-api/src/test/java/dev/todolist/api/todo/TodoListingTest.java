package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lists over real HTTP: every filter, every sort, pages with {@code X-Total-Count} and a
 * {@code Link} header, a capped page size, and a body that stays a plain JSON array.
 */
@ApiTest(properties = "todolist.todos.max-page-size=4")
class TodoListingTest {

    private static final String ROOT = "/api/v1/todos";
    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(\\w+)\"");
    @Api
    private static RunningApi server;
    /** The server as one signed-in user. */
    @Api(user = "listing@example.org")
    private static RunningApi api;

    @BeforeAll
    static void start() {
        create("{\"title\":\"Buy milk\",\"order\":3,\"tags\":[\"home\",\"shop\"],\"priority\":\"low\",\"dueDate\":\"2030-01-10\"}");
        create("{\"title\":\"File taxes\",\"order\":1,\"tags\":[\"admin\"],\"priority\":\"high\",\"dueDate\":\"2030-01-02\"}");
        create("{\"title\":\"Call the plumber\",\"order\":5,\"completed\":true,\"tags\":[\"home\"]}");
        create("{\"title\":\"Water the plants (daily)\",\"order\":2,\"tags\":[\"home\"],\"dueDate\":\"2030-01-05\"}");
        create("{\"title\":\"Renew passport\",\"order\":4,\"priority\":\"high\",\"completed\":true,\"dueDate\":\"2031-06-01\"}");
    }

    private static void create(String json) {
        assertEquals(201, api.post(ROOT, json).statusCode());
    }

    private static List<String> titles(String query) {
        HttpResponse<String> response = api.get(ROOT + query);
        assertEquals(200, response.statusCode(), response.body());
        return api.array(response).stream().map(todo -> (String) todo.get("title")).toList();
    }

    private static Map<String, String> links(HttpResponse<String> response) {
        Map<String, String> links = new LinkedHashMap<>();
        Matcher matcher = LINK.matcher(response.headers().firstValue("Link").orElse(""));
        while (matcher.find()) {
            links.put(matcher.group(2), URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8));
        }
        return links;
    }

    @Test
    void listIsAPlainArrayInOrderByDefault() {
        HttpResponse<String> response = api.get(ROOT + "?size=4");
        assertTrue(response.body().startsWith("["), response.body());
        assertEquals(List.of("File taxes", "Water the plants (daily)", "Buy milk", "Renew passport"), titles("?size=4"));
    }

    @Test
    void completedFilterKeepsOnlyThatState() {
        assertEquals(List.of("Renew passport", "Call the plumber"), titles("?completed=true"));
        assertEquals(List.of("File taxes", "Water the plants (daily)", "Buy milk"), titles("?completed=false"));
    }

    @Test
    void tagFilterMatchesAnyOfATodosTags() {
        assertEquals(List.of("Water the plants (daily)", "Buy milk", "Call the plumber"), titles("?tag=home"));
        assertEquals(List.of(), titles("?tag=nothing"));
    }

    @Test
    void titleSearchIsCaseInsensitiveAndLiteral() {
        assertEquals(List.of("Call the plumber"), titles("?q=PLUMB"));
        assertEquals(List.of("Water the plants (daily)"), titles("?q=%28daily%29"));
        assertEquals(List.of(), titles("?q=.%2A"));
    }

    @Test
    void dueBeforeIsStrictAndSkipsTodosWithoutADueDate() {
        assertEquals(List.of("File taxes", "Water the plants (daily)"), titles("?dueBefore=2030-01-10"));
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("Water the plants (daily)", "Buy milk"), titles("?tag=home&completed=false"));
        assertEquals(List.of("Renew passport"), titles("?q=pass&completed=true&dueBefore=2032-01-01"));
    }

    @Test
    void eachSortAscendingAndDescending() {
        assertEquals(List.of("Call the plumber", "Renew passport", "Buy milk", "Water the plants (daily)"),
                titles("?sort=-order"));
        assertEquals(List.of("Buy milk", "File taxes", "Call the plumber", "Water the plants (daily)"),
                titles("?sort=createdAt"));
        assertEquals(List.of("Renew passport", "Water the plants (daily)", "Call the plumber", "File taxes"),
                titles("?sort=-createdAt"));
        assertEquals(List.of("File taxes", "Water the plants (daily)", "Buy milk", "Renew passport"),
                titles("?sort=dueDate&dueBefore=2040-01-01"));
        List<String> byPriority = titles("?sort=-priority");
        assertEquals(Set.of("File taxes", "Renew passport"), Set.copyOf(byPriority.subList(0, 2)),
                byPriority.toString());
        assertEquals("Buy milk", titles("?sort=priority").get(0));
    }

    @Test
    void pagesCarryTheTotalAndLinksThatKeepFiltersAndSort() {
        HttpResponse<String> second = api.get(ROOT + "?tag=home&sort=-order&size=1&page=2");
        assertEquals(200, second.statusCode());
        assertEquals("3", second.headers().firstValue("X-Total-Count").orElse(""));
        assertEquals(List.of("Buy milk"), api.array(second).stream().map(t -> t.get("title")).toList());

        Map<String, String> links = links(second);
        assertEquals(List.of("first", "prev", "next", "last"), List.copyOf(links.keySet()), links.toString());
        String base = api.uri(ROOT).toString();
        assertEquals(base + "?tag=home&sort=-order&size=1&page=1", links.get("first"));
        assertEquals(base + "?tag=home&sort=-order&size=1&page=1", links.get("prev"));
        assertEquals(base + "?tag=home&sort=-order&size=1&page=3", links.get("next"));
        assertEquals(base + "?tag=home&sort=-order&size=1&page=3", links.get("last"));

        HttpResponse<String> last = api.get(links.get("last"));
        assertEquals(List.of("Water the plants (daily)"), api.array(last).stream().map(t -> t.get("title")).toList());
        assertFalse(links(last).containsKey("next"), last.headers().toString());
    }

    @Test
    void followingNextVisitsEveryTodoOnce() {
        String next = api.uri(ROOT + "?size=2").toString();
        List<String> seen = new ArrayList<>();
        for (int hops = 0; next != null && hops < 10; hops++) {
            HttpResponse<String> page = api.get(next);
            assertEquals("5", page.headers().firstValue("X-Total-Count").orElse(""));
            api.array(page).forEach(todo -> seen.add((String) todo.get("title")));
            next = links(page).get("next");
        }
        assertEquals(5, seen.size(), seen.toString());
        assertEquals(5, seen.stream().distinct().count(), seen.toString());
    }

    @Test
    void pageSizeIsCappedAtTheConfiguredMaximum() {
        HttpResponse<String> response = api.get(ROOT + "?size=1000");
        assertEquals(200, response.statusCode());
        assertEquals(4, api.array(response).size());
        assertEquals("5", response.headers().firstValue("X-Total-Count").orElse(""));
        assertTrue(links(response).get("next").contains("size=4"), response.headers().toString());
    }

    @Test
    void aPageBeyondTheLastIsEmptyNotAnError() {
        HttpResponse<String> response = api.get(ROOT + "?page=99&size=2");
        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
        assertEquals("5", response.headers().firstValue("X-Total-Count").orElse(""));
        assertTrue(links(response).get("prev").endsWith("page=3"), response.headers().toString());
    }

    @Test
    void absurdPagingParametersAreA400NotA500() {
        for (String query : List.of("?page=-1", "?size=0", "?size=many", "?page=99999999999", "?page=1.5")) {
            HttpResponse<String> response = api.get(ROOT + query);
            assertEquals(400, response.statusCode(), query + " -> " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }
}
