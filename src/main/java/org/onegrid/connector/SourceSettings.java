package org.onegrid.connector;

/**
 * The {@code source:} block of a connector file once its type has bound and checked it: a record per type
 * (e.g. {@code FileDropSource}). Secret references stay references ({@link SecretRef}) until the moment of use.
 */
public interface SourceSettings {}
