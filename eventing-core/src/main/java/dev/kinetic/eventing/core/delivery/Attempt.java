package dev.kinetic.eventing.core.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

/**
 * The result of one HTTP attempt: a response (status, headers, body) or none (a network error or timeout, with its
 * cause).
 *
 * @param status the response's status, or {@code null} when there was no response
 * @param headers the response's headers, empty without a response
 * @param body the response's body, empty when there was none
 * @param cause why there was no response, or {@code null}
 */
public record Attempt(Integer status, MultiMap headers, Buffer body, Throwable cause) {
    public Attempt {
        headers = headers == null ? MultiMap.caseInsensitiveMultiMap() : headers;
        body = body == null ? Buffer.buffer() : body;
    }

    /** An attempt that got a response. */
    public static Attempt of(HttpResponse<Buffer> response) {
        return new Attempt(response.statusCode(), response.headers(), response.body(), null);
    }

    /** An attempt that got no response. */
    public static Attempt noResponse(Throwable cause) {
        return new Attempt(null, null, null, cause);
    }

    /** Whether a response came back. */
    public boolean hasResponse() {
        return status != null;
    }

    /** A response header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** A short description for logs and outcomes. */
    public String describe() {
        return hasResponse() ? "HTTP " + status : "no response: " + cause;
    }
}
