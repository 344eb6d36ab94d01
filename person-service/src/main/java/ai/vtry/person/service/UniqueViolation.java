package ai.vtry.person.service;

import java.sql.SQLException;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/** Recognises a unique-constraint violation (SQLSTATE 23505) however the driver and Hibernate wrapped it. */
final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = switch (t) {
                case PgException pg -> pg.getSqlState();
                case JDBCException jdbc -> jdbc.getSQLState();
                case SQLException sql -> sql.getSQLState();
                default -> null;
            };
            if (UNIQUE_VIOLATION.equals(state)) {
                return true;
            }
        }
        return false;
    }

    private UniqueViolation() {
    }
}
