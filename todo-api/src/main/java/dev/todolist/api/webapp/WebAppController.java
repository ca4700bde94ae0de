package dev.todolist.api.webapp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The browser app at {@code /}: index.html is revalidated on every visit ({@value #REVALIDATE}),
 * so a release reaches browsers at once; the assets it names carry their content's hash in their
 * name and never change, so browsers keep them a year without asking ({@value #IMMUTABLE}).
 * Every answer has the app's Content-Security-Policy.
 */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
public class WebAppController {

    static final String REVALIDATE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final WebAppFiles files;

    public WebAppController(WebAppFiles files) {
        this.files = files;
    }

    @Get
    public HttpResponse<byte[]> index(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        WebAppFiles.WebFile index = files.index();
        if (index.etag().equals(ifNoneMatch)) {
            return withHeaders(HttpResponse.notModified(), index, REVALIDATE);
        }
        return withHeaders(HttpResponse.ok(index.content()), index, REVALIDATE);
    }

    @Get("/assets/{name}")
    public HttpResponse<byte[]> asset(@PathVariable String name) {
        WebAppFiles.WebFile asset = files.asset(name)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No such file of the web app: " + name));
        return withHeaders(HttpResponse.ok(asset.content()), asset, IMMUTABLE);
    }

    private MutableHttpResponse<byte[]> withHeaders(MutableHttpResponse<byte[]> response, WebAppFiles.WebFile file,
                                                    String cacheControl) {
        return response.contentType(file.type())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.ETAG, file.etag())
                .header("Content-Security-Policy", files.contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
    }
}
