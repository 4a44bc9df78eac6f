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
                "exports/a.csv", "api:src-bucket/exports/a.csv#req-1", null, null);
        assertThat(IngestRequest.fromJson(request.toJson())).isEqualTo(request);
        assertThat(IngestRequest.isRequest(new ObjectMapper().readTree(request.toJson()))).isTrue();
        assertThat(IngestRequest.isRequest(new ObjectMapper().readTree("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\"}"))).isFalse();
        assertThatThrownBy(() -> IngestRequest.fromJson("{\"type\":\"lake.ingest-request\"}")).hasMessage("ingest request lacks 'dataset'");
    }

    @Test
    void pinsTheObjectVersionOrETagAndReadsRequestsWithoutThem() {
        IngestRequest pinned = new IngestRequest("sales", UpdateId.parse("2026-11-21T101500Z-3f9a"), "src-bucket",
                "exports/a.csv", "api:1", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "9b2cf535f27731c974343645a3985328");
        assertThat(pinned.toJson()).contains("\"versionId\":\"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\"")
                .contains("\"etag\":\"9b2cf535f27731c974343645a3985328\"");
        assertThat(IngestRequest.fromJson(pinned.toJson())).isEqualTo(pinned);
        IngestRequest older = IngestRequest.fromJson("{\"type\":\"lake.ingest-request\",\"dataset\":\"sales\","
                + "\"update\":\"2026-11-21T101500Z-3f9a\",\"bucket\":\"b\",\"key\":\"k\",\"deliveryKey\":\"d\"}");
        assertThat(older.versionId()).isNull();
        assertThat(older.etag()).isNull();
        // S3 says "null" for the version of an object written before versioning was enabled.
        assertThat(new IngestRequest("sales", older.update(), "b", "k", "d", "null", "").versionId()).isNull();
    }
}
