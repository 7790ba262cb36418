package io.finflow.kafka.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrapes a /metrics endpoint as Prometheus does. */
final class Scrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern URL = Pattern.compile("http://[0-9.]+:\\d+/metrics");

    private Scrape() {
    }

    static PrometheusSamples of(URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return PrometheusSamples.parse(response.body());
    }

    /** The first metrics URL printed on {@code line}. */
    static URI urlIn(String text) {
        Matcher m = URL.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no metrics URL in: " + text);
        }
        return URI.create(m.group());
    }
}
