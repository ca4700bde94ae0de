package dev.todolist.api.todo;

import dev.todolist.api.security.Caller;
import dev.todolist.api.security.SignedIn;
import dev.todolist.api.web.PublicUrls;
import dev.todolist.todo.EntityTags;
import dev.todolist.todo.Precondition;
import dev.todolist.todo.Todo;
import dev.todolist.todo.TodoDraft;
import dev.todolist.todo.TodoLimits;
import dev.todolist.todo.TodoListSettings;
import dev.todolist.todo.TodoPage;
import dev.todolist.todo.TodoQuery;
import dev.todolist.todo.TodoService;
import dev.todolist.todo.TodoSort;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The todo collection at {@value #PATH}, compatible with the Todo-Backend specification
 * (todobackend.com): the collection is a JSON array, POST creates, each todo's {@code url} is
 * where to GET, PATCH or DELETE it, DELETE on the collection clears it.
 *
 * <p>Beyond it: PUT replaces, PATCH is a JSON merge patch, every todo response carries an ETag
 * and writes honour {@code If-Match} (optional for PATCH and DELETE, which Todo-Backend clients
 * send without it; required for PUT, since a blind full replace is exactly the lost update
 * If-Match prevents). Lists are filtered, sorted and paged, with {@code X-Total-Count} and a
 * {@code Link} header while the body stays a plain array.
 *
 * <p>Every call needs an authenticated caller (401 otherwise) and sees only that caller's todos:
 * the {@link Caller}'s user id is the owner id every {@link TodoService} call is scoped by.
 */
@Controller(TodoController.PATH)
@SignedIn
@Tag(name = "todos")
public class TodoController {

    static final String PATH = "/api/v1/todos";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final String TOTAL_COUNT = "X-Total-Count";

    private final TodoService todos;
    private final PublicUrls urls;
    private final TodoListSettings listSettings;

    public TodoController(TodoService todos, PublicUrls urls, TodoListSettings listSettings) {
        this.todos = todos;
        this.urls = urls;
        this.listSettings = listSettings;
    }

    @Operation(summary = "List todos",
            description = "A page of todos as a plain JSON array; X-Total-Count holds the number matching the "
                    + "filters and Link the first/prev/next/last pages. Sort by order, createdAt, dueDate or "
                    + "priority; prefix with - for descending.")
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<List<TodoResponse>> list(
            HttpRequest<?> request, Caller caller,
            @Nullable @QueryValue @Pattern(regexp = "true|false", message = "must be true or false") String completed,
            @Nullable @QueryValue @Size(min = 1, max = TodoLimits.TAG_MAX) String tag,
            @Nullable @QueryValue @Size(max = TodoLimits.SEARCH_MAX) String q,
            @Nullable @QueryValue LocalDate dueBefore,
            @Nullable @QueryValue @Pattern(regexp = "-?(order|createdAt|dueDate|priority)",
                    message = "must be order, createdAt, dueDate or priority, optionally prefixed with -") String sort,
            @Nullable @QueryValue @Min(1) Integer page,
            @Nullable @QueryValue @Min(1) Integer size) {
        boolean descending = sort != null && sort.startsWith("-");
        TodoSort order = sort == null ? TodoSort.ORDER : TodoSort.parse(descending ? sort.substring(1) : sort)
                .orElse(TodoSort.ORDER);
        TodoQuery query = new TodoQuery(completed == null ? null : Boolean.valueOf(completed), tag, q, dueBefore, order, descending,
                page == null ? 1 : page, listSettings.cap(size));
        TodoPage result = todos.list(caller.userId(), query);
        String base = urls.base(request);
        List<TodoResponse> body = result.items().stream().map(todo -> response(base, todo)).toList();
        return HttpResponse.ok(body)
                .header(TOTAL_COUNT, Long.toString(result.total()))
                .header(HttpHeaders.LINK, links(base + PATH, request, result));
    }

    @Operation(summary = "Create a todo")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoInput.class)))
    public HttpResponse<TodoResponse> create(HttpRequest<?> request, Caller caller, @Body JsonNode body) {
        Todo todo = todos.create(caller.userId(), TodoBodies.draft(body));
        String url = url(urls.base(request), todo);
        return withEtag(HttpResponse.created(TodoResponse.of(todo, url)).header(HttpHeaders.LOCATION, url), todo);
    }

    @Operation(summary = "Read a todo", description = "Answers 304 when If-None-Match names the current ETag.")
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TodoResponse> read(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                           @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Todo todo = todos.get(caller.userId(), id);
        if (EntityTags.noneMatchHits(ifNoneMatch, todo.currentVersion())) {
            return withEtag(HttpResponse.notModified(), todo);
        }
        return ok(request, todo);
    }

    @Operation(summary = "Replace a todo", description = "Requires If-Match with the ETag read before: 428 without it (or with *), 412 when stale.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoInput.class)))
    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TodoResponse> replace(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                              @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                              @Body JsonNode body) {
        TodoDraft draft = TodoBodies.draft(body);
        Precondition precondition = EntityTags.ifMatch(ifMatch);
        if (!precondition.pinsAVersion()) {
            // If-Match: * would pass any version: exactly the blind overwrite the guard is there to stop.
            throw new PreconditionRequiredException(
                    "PUT replaces the whole todo: send If-Match with the ETag you read (* is not a version).");
        }
        return ok(request, todos.replace(caller.userId(), id, draft, precondition));
    }

    @Operation(summary = "Change a todo (JSON merge patch, RFC 7396)",
            description = "Members present are set, null resets optional ones, absent ones stay. If-Match is optional: "
                    + "without it the patch is applied to the current version.")
    @RequestBody(content = {
            @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(implementation = TodoInput.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TodoInput.class))})
    @Patch(uri = "/{id}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TodoResponse> patch(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                            @Body JsonNode body) {
        return ok(request, todos.patch(caller.userId(), id, TodoBodies.patch(body), EntityTags.ifMatch(ifMatch)));
    }

    @Operation(summary = "Mark a todo completed", description = "Idempotent; the same as PATCH {\"completed\":true}.")
    @Post(uri = "/{id}/complete", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TodoResponse> complete(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                               @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(request, todos.complete(caller.userId(), id, EntityTags.ifMatch(ifMatch)));
    }

    @Operation(summary = "Delete a todo")
    @Delete(uri = "/{id}")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String id,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        todos.delete(caller.userId(), id, EntityTags.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Delete all todos (of the current owner)")
    @Delete
    public HttpResponse<Void> clear(Caller caller) {
        todos.clear(caller.userId());
        return HttpResponse.noContent();
    }

    private MutableHttpResponse<TodoResponse> ok(HttpRequest<?> request, Todo todo) {
        return withEtag(HttpResponse.ok(response(urls.base(request), todo)), todo);
    }

    private static <T> MutableHttpResponse<T> withEtag(MutableHttpResponse<T> response, Todo todo) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(todo.currentVersion()));
    }

    private static TodoResponse response(String base, Todo todo) {
        return TodoResponse.of(todo, url(base, todo));
    }

    private static String url(String base, Todo todo) {
        return base + PATH + "/" + todo.id();
    }

    /** RFC 8288 links to the first, previous, next and last pages, keeping the caller's filters and sort. */
    private static String links(String collectionUrl, HttpRequest<?> request, TodoPage page) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("size") && !values.isEmpty()) {
                parameters.put(name, values.get(0));
            }
        });
        parameters.put("size", Integer.toString(page.size()));
        List<String> links = new ArrayList<>();
        links.add(link(collectionUrl, parameters, 1, "first"));
        if (page.page() > 1) {
            links.add(link(collectionUrl, parameters, Math.min(page.page() - 1, page.lastPage()), "prev"));
        }
        if (page.page() < page.lastPage()) {
            links.add(link(collectionUrl, parameters, page.page() + 1, "next"));
        }
        links.add(link(collectionUrl, parameters, page.lastPage(), "last"));
        return String.join(", ", links);
    }

    private static String link(String collectionUrl, Map<String, String> parameters, int page, String rel) {
        Map<String, String> withPage = new LinkedHashMap<>(parameters);
        withPage.put("page", Integer.toString(page));
        String query = withPage.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "<" + collectionUrl + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
