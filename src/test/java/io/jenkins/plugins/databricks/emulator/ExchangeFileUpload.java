package io.jenkins.plugins.databricks.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.AbstractRequestContext;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.hc.core5.http.ContentType;

/**
 * commons-fileupload2 over the JDK's {@link HttpExchange}, streaming only: parts are handed out one at a time as
 * they arrive ({@link #getItemIterator(HttpExchange)}); the buffering entry points are refused on purpose.
 */
final class ExchangeFileUpload extends AbstractFileUpload<HttpExchange, DiskFileItem, DiskFileItemFactory> {

    @Override
    public FileItemInputIterator getItemIterator(HttpExchange exchange) throws IOException {
        return getItemIterator(new ExchangeRequestContext(exchange));
    }

    @Override
    public Map<String, List<DiskFileItem>> parseParameterMap(HttpExchange exchange) {
        throw new UnsupportedOperationException("the emulator streams parts; it never buffers a whole request");
    }

    @Override
    public List<DiskFileItem> parseRequest(HttpExchange exchange) {
        throw new UnsupportedOperationException("the emulator streams parts; it never buffers a whole request");
    }

    static boolean isMultipart(String contentType) {
        return contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /** The request as commons-fileupload sees it. */
    private static final class ExchangeRequestContext extends AbstractRequestContext<HttpExchange> {

        ExchangeRequestContext(HttpExchange exchange) {
            super(exchange.getRequestHeaders()::getFirst, () -> -1L, exchange);
        }

        @Override
        public String getCharacterEncoding() {
            String type = getContentType();
            Charset charset =
                    type == null ? null : ContentType.parseLenient(type).getCharset();
            return charset == null ? null : charset.name();
        }

        @Override
        public String getContentType() {
            return getRequest().getRequestHeaders().getFirst("Content-Type");
        }

        @Override
        public InputStream getInputStream() {
            return getRequest().getRequestBody();
        }
    }
}
