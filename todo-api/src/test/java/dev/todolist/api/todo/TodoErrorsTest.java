package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.todolist.testing.ProblemAnswers.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error the API can answer is an RFC 9457 problem with its stable type; bad input never gives a 500. */
@ApiTest(properties = "micronaut.server.max-request-size=16KB")
class TodoErrorsTest {

    private static final String ROOT = "/api/v1/todos";
    @Api
    private static RunningApi server;
    /** The server as one signed-in user: the spec's semantics hold for an authenticated caller. */
    @Api(user = "errors@example.org")
    private static RunningApi api;

    private String createdUrl() {
        return (String) api.object(api.post(ROOT, "{\"title\":\"target\"}")).get("url");
    }

    @SuppressWarnings("unchecked")
    private static List<String> failingFields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> (String) e.get("field")).toList();
    }

    @Test
    void invalidFieldsAreA400ListingEachOne() {
        String body = "{\"title\":\"\",\"tags\":[\"" + "x".repeat(41) + "\"],\"priority\":\"urgent\",\"dueDate\":\"tomorrow\"}";
        Map<String, Object> problem = assertProblem(api.post(ROOT, body), 400, "validation");
        List<String> fields = failingFields(problem);
        assertTrue(fields.containsAll(List.of("title", "tags[0]", "priority", "dueDate")), fields.toString());
    }

    @Test
    void missingTitleIsAValidationError() {
        assertEquals(List.of("title"), failingFields(assertProblem(api.post(ROOT, "{\"completed\":true}"), 400, "validation")));
    }

    @Test
    void blankTitleAfterTrimmingIsAValidationError() {
        assertEquals(List.of("title"), failingFields(assertProblem(api.post(ROOT, "{\"title\":\"   \"}"), 400, "validation")));
    }

    @Test
    void impossibleDueDateIsAValidationError() {
        assertEquals(List.of("dueDate"),
                failingFields(assertProblem(api.post(ROOT, "{\"title\":\"t\",\"dueDate\":\"2030-02-30\"}"), 400, "validation")));
    }

    @Test
    void malformedJsonIsA400() {
        assertProblem(api.post(ROOT, "{\"title\": "), 400, "malformed-json");
    }

    @Test
    void operatorInjectionInACreateIsRejected() {
        Map<String, Object> problem = assertProblem(api.post(ROOT, "{\"title\":{\"$gt\":\"\"}}"), 400, "validation");
        assertEquals(List.of("title"), failingFields(problem));
        assertEquals("[]", api.get(ROOT + "?q=%24gt").body());
    }

    @Test
    void operatorInjectionInAPatchIsRejectedAndChangesNothing() {
        String url = createdUrl();
        Map<String, Object> problem = assertProblem(api.patch(url, "{\"title\":{\"$set\":\"x\"},\"completed\":{\"$ne\":false}}"),
                400, "validation");
        assertEquals(List.of("title", "completed"), failingFields(problem));
        assertEquals("target", api.object(api.get(url)).get("title"));
    }

    @Test
    void wrongJsonTypesAreRejectedNotCoerced() {
        assertEquals(List.of("completed"), failingFields(
                assertProblem(api.post(ROOT, "{\"title\":\"t\",\"completed\":\"yes\"}"), 400, "validation")));
        assertEquals(List.of("tags"), failingFields(
                assertProblem(api.post(ROOT, "{\"title\":\"t\",\"tags\":\"home\"}"), 400, "validation")));
        assertEquals(List.of("title"), failingFields(assertProblem(api.post(ROOT, "{\"title\":5}"), 400, "validation")));
        assertProblem(api.patch(createdUrl(), "{\"order\":\"first\"}"), 400, "validation");
        assertProblem(api.patch(createdUrl(), "[]"), 400, "validation");
    }

    @Test
    void removingATitleByMergePatchIsAValidationError() {
        assertEquals(List.of("title"), failingFields(assertProblem(api.patch(createdUrl(), "{\"title\":null}"), 400, "validation")));
    }

    @Test
    void unsupportedContentTypeIsA415() {
        assertProblem(api.post(ROOT, "title=x", "Content-Type", "application/x-www-form-urlencoded"), 415,
                "unsupported-media-type");
        assertProblem(api.patch(createdUrl(), "<todo/>", "Content-Type", "application/xml"), 415, "unsupported-media-type");
    }

    @Test
    void unknownAndMalformedIdsAreA404() {
        assertProblem(api.get(ROOT + "/000000000000000000000000"), 404, "not-found");
        assertProblem(api.get(ROOT + "/not-an-id"), 404, "not-found");
        assertProblem(api.patch(ROOT + "/not-an-id", "{}"), 404, "not-found");
        assertProblem(api.delete(ROOT + "/000000000000000000000000"), 404, "not-found");
    }

    @Test
    void unknownRoutesAreA404Problem() {
        assertProblem(api.get("/api/v1/nothing-here"), 404, "not-found");
        assertProblem(api.get("/api/v1/nothing-here", "Accept", "text/html"), 404, "not-found");
    }

    @Test
    void methodNotAllowedIsA405WithAllow() {
        HttpResponse<String> response = api.put(ROOT, "{\"title\":\"x\"}");
        assertProblem(response, 405, "method-not-allowed");
        assertTrue(response.headers().firstValue("Allow").isPresent(), response.headers().toString());
    }

    @Test
    void bodyOverTheLimitIsA413() {
        String body = "{\"title\":\"t\",\"notes\":\"" + "n".repeat(20_000) + "\"}";
        assertProblem(api.post(ROOT, body), 413, "payload-too-large");
    }

    @Test
    void invalidQueryParametersAreA400() {
        assertProblem(api.get(ROOT + "?sort=title"), 400, "validation");
        assertProblem(api.get(ROOT + "?page=0"), 400, "validation");
        assertProblem(api.get(ROOT + "?dueBefore=someday"), 400, "validation");
        assertProblem(api.get(ROOT + "?completed=maybe"), 400, "validation");
    }

    @Test
    void staleIfMatchIsA412CarryingTheCurrentEtag() {
        String url = createdUrl();
        HttpResponse<String> changed = api.patch(url, "{\"title\":\"changed\"}");
        HttpResponse<String> stale = api.patch(url, "{\"title\":\"stale\"}", "If-Match", "\"0\"");
        assertProblem(stale, 412, "precondition-failed");
        assertEquals(changed.headers().firstValue("ETag"), stale.headers().firstValue("ETag"));
        assertProblem(api.delete(url, "If-Match", "\"0\""), 412, "precondition-failed");
        assertProblem(api.put(url, "{\"title\":\"x\"}", "If-Match", "W/\"1\""), 412, "precondition-failed");
    }

    @Test
    void putWithoutIfMatchIsA428() {
        assertProblem(api.put(createdUrl(), "{\"title\":\"blind overwrite\"}"), 428, "precondition-required");
    }
}
