/**
 * The service's own settings ({@code onegrid.*}) and how configuration problems are reported.
 *
 * <p>Every capability checks its part of the configuration and reports {@link org.onegrid.config.ConfigProblem}s;
 * start-up collects them all and fails once, printing each as {@code key: message} with the fix. Depends on
 * Spring's binding only; knows nothing of Kafka, Camel or the pipeline.
 */
package org.onegrid.config;
