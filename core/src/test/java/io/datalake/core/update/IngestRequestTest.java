package io.datalake.core.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.UpdateId;
import org.junit.jupiter.api.Test;

class IngestRequestTest {
    @Test
    void roundTripsAndIsToldApartFromS3Events() throws Exception {
        IngestRequest request = new IngestRequest("sales", UpdateId.parse("2026-11-21T101500Z-3f9a"), "src-bucket",
                "exports/a.csv", "api:src-bucket/exports/a.csv#req-1");
        assertThat(IngestRequest.fromJson(request.toJson())).isEqualTo(request);
        assertThat(IngestRequest.isRequest(new ObjectMapper().readTree(request.toJson()))).isTrue();
        assertThat(IngestRequest.isRequest(new ObjectMapper().readTree("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\"}"))).isFalse();
        assertThatThrownBy(() -> IngestRequest.fromJson("{\"type\":\"lake.ingest-request\"}")).hasMessage("ingest request lacks 'dataset'");
    }
}
