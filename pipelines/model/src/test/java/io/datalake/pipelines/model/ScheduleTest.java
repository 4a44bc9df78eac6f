package io.datalake.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 3 * * ? *)    | cron(0 3 * * ? *)",
            "cron(0 8 ? * MON-FRI *) | cron(0 8 ? * MON-FRI *)",
            "rate(1 day)          | rate(1 day)",
            "rate(15 minutes)     | rate(15 minutes)",
            "0 3 * * *            | cron(0 3 * * ? *)",
            "30 4 * * MON-FRI     | cron(30 4 ? * MON-FRI *)",
            "0 6 1 * *            | cron(0 6 1 * ? *)"})
    void takesWhatEventBridgeSchedulerTakes(String given, String expression) {
        assertThat(Schedule.parse("schedule", given).expression()).isEqualTo(expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "0 3 * * 1", "0 3 1 * MON", "cron(0 3 * * *)", "rate(0 days)", "cron(0 3 ; * ? *)"})
    void refusesWhatItCannotTranslateWithoutDoubt(String given) {
        assertThatThrownBy(() -> Schedule.parse("schedule", given)).hasMessageStartingWith("schedule ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rate(1 days)   | schedule 'rate(1 days)' must say rate(1 day): EventBridge wants the singular for 1 and the plural otherwise",
            "rate(2 hour)   | schedule 'rate(2 hour)' must say rate(2 hours): EventBridge wants the singular for 1 and the plural otherwise",
            "cron(0 3 1 * MON *) | schedule 'cron(0 3 1 * MON *)' must have '?' in day-of-month (3rd field) or day-of-week (5th field), as EventBridge requires, e.g. cron(0 3 * * ? *)"})
    void explainsEventBridgesOwnRules(String given, String message) {
        assertThatThrownBy(() -> Schedule.parse("schedule", given)).hasMessage(message);
    }
}
