package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files API 2.0 on Unity Catalog volumes: {@code /api/2.0/fs/files{path}} (PUT, HEAD, GET, DELETE) and {@code
 * /api/2.0/fs/directories{path}} (PUT, HEAD, GET, DELETE). Uploads stream to disk. A listing page holds at most
 * {@link Settings#listPageSize()} entries whatever {@code page_size} asks, so paging is exercised.
 */
final class FilesService extends Rest2Service {

    static final String FILES = "/api/2.0/fs/files/";
    static final String DIRECTORIES = "/api/2.0/fs/directories/";
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final UnityCatalog catalog;
    private final Settings settings;

    FilesService(UnityCatalog catalog, Settings settings, ObjectMapper json) {
        super(json);
        this.catalog = catalog;
        this.settings = settings;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(FILES) || path.startsWith(DIRECTORIES);
    }

    @Override
    public boolean rawBody(ApiRequest r) {
        return r.path().startsWith(FILES) && "PUT".equals(r.method());
    }

    /** The Files API's concurrency and rate limits are enforced in front of every service by {@link ServiceLimits}. */
    @Override
    Object handle(ApiRequest r) {
        try {
            if (r.path().startsWith(FILES)) {
                return file(r, r.path().substring(FILES.length() - 1));
            }
            return directory(r, r.path().substring(DIRECTORIES.length() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object file(ApiRequest r, String path) throws IOException {
        return switch (r.method()) {
            case "PUT" -> upload(r, path);
            case "HEAD" -> ApiResponse.empty(200, metadata(catalog.readFile(path)));
            case "GET" -> download(catalog.readFile(path), r.header("Range"));
            case "DELETE" -> {
                catalog.deleteFile(path);
                r.markMutated();
                yield ApiResponse.empty(204, Map.of());
            }
            default -> throw notAllowed(r, "PUT, HEAD, GET, DELETE");
        };
    }

    private Object upload(ApiRequest r, String path) throws IOException {
        boolean overwrite = overwrite(r);
        String length = r.header("Content-Length");
        if (length == null && !settings.chunkedUploads()) {
            throw new RestError(
                    411,
                    "INVALID_PARAMETER_VALUE",
                    "A Files API upload needs a Content-Length header; chunked transfer encoding is not accepted.");
        }
        if (length != null && Long.parseLong(length.trim()) > settings.maxUploadBytes()) {
            throw new RestError(
                    413,
                    "FILE_TOO_LARGE",
                    "The file is larger than the Files API limit of " + settings.maxUploadBytes() + " bytes.");
        }
        InputStream body = r.rawBody();
        EmulatedFile file = catalog.upload(path, overwrite, body);
        r.parts().add(new JournalEntry.Part("body", file.name(), file.sizeBytes()));
        r.markMutated();
        return ApiResponse.empty(204, Map.of());
    }

    private static boolean overwrite(ApiRequest r) {
        String value = r.optional("overwrite");
        if (value == null || value.isEmpty()) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RestError.invalidParameter("overwrite must be true or false, was '" + value + "'");
        };
    }

    private static Map<String, String> metadata(EmulatedFile f) {
        return Map.of(
                "Content-Length", Long.toString(f.sizeBytes()),
                "Content-Type", "application/octet-stream",
                "Last-Modified", HttpDates.format(f.lastModified()));
    }

    /** The bytes, or one range of them for {@code Range: bytes=a-b | a- | -n} (several ranges: the whole file). */
    private static ApiResponse download(EmulatedFile f, String range) {
        long size = f.sizeBytes();
        long from = 0;
        long to = size - 1;
        int status = 200;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Last-Modified", HttpDates.format(f.lastModified()));
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m != null && m.matches()) {
            if (m.group(1).isEmpty()) {
                long suffix = m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2));
                from = Math.max(0, size - suffix);
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (from >= size || from > to) {
                throw new RestError(
                        416,
                        "INVALID_PARAMETER_VALUE",
                        "Range " + range + " is not satisfiable for a" + " file of " + size + " bytes.");
            }
            status = 206;
            headers.put("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        long start = from;
        long length = to - from + 1;
        return ApiResponse.streamed(status, headers, new ApiResponse.StreamedBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = Files.newInputStream(f.blob())) {
                    in.skipNBytes(start);
                    long left = length;
                    byte[] buffer = new byte[64 * 1024];
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            break;
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                }
            }
        });
    }

    private Object directory(ApiRequest r, String path) {
        return switch (r.method()) {
            case "PUT" -> {
                if (catalog.createDirectories(path)) {
                    r.markMutated();
                }
                yield NO_BODY;
            }
            case "HEAD" -> {
                catalog.requireDirectory(path);
                yield ApiResponse.empty(200, Map.of());
            }
            case "GET" -> list(r, path);
            case "DELETE" -> {
                catalog.deleteDirectory(path);
                r.markMutated();
                yield ApiResponse.empty(204, Map.of());
            }
            default -> throw notAllowed(r, "PUT, HEAD, GET, DELETE");
        };
    }

    private Object list(ApiRequest r, String path) {
        Integer asked = optionalInt(r, "page_size", MAX_PAGE_SIZE);
        int pageSize = Math.min(asked == null || asked == 0 ? MAX_PAGE_SIZE : asked, settings.listPageSize());
        String listing = "dir:" + VolumePath.parse(path).full();
        String after = PageTokens.decode(listing, r.optional("page_token"));
        UnityCatalog.Page page = catalog.list(path, after, pageSize);
        List<Map<String, Object>> contents = new ArrayList<>();
        for (UnityCatalog.Entry e : page.entries()) {
            Map<String, Object> entry = ordered("path", e.path(), "name", e.name(), "is_directory", e.directory());
            if (!e.directory()) {
                entry.put("file_size", e.sizeBytes());
                entry.put("last_modified", e.lastModified().toEpochMilli());
            }
            contents.add(entry);
        }
        // proto3 JSON, as the real service writes it, leaves an empty list out altogether
        Map<String, Object> out = ordered("contents", contents.isEmpty() ? null : contents);
        if (page.continueAfter() != null) {
            out.put("next_page_token", PageTokens.encode(listing, page.continueAfter()));
        }
        return out;
    }

    private static RestError notAllowed(ApiRequest r, String allowed) {
        return new RestError(
                405,
                "METHOD_NOT_ALLOWED",
                "Method " + r.method() + " is not allowed on " + r.path() + "; the Files API allows " + allowed);
    }
}
