package org.onegrid;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts OneGrid: the embedded broker when no cluster is configured, then the pipeline. */
@SpringBootApplication
public class OneGridApplication {

    public static void main(String[] args) {
        SpringApplication.run(OneGridApplication.class, args);
    }
}
