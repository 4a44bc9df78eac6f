package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentCodecTest {
    @Test
    void decodesEscapesButKeepsPlusSigns() {
        assertThat(PercentCodec.decode("%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa+b%22%7D"))
                .isEqualTo("{\"AWS\":\"arn:aws:iam::1:role/a+b\"}");
        assertThat(PercentCodec.decode("caf%C3%A9 ok")).isEqualTo("café ok");
    }

    @Test
    void encodesAllButUnreservedCharactersAndRoundTrips() {
        String arn = "arn:aws:iam::210987654321:role/team/a+b=c,d.e@f_g-h";
        assertThat(PercentCodec.encode(arn)).isEqualTo("arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fteam%2Fa%2Bb%3Dc%2Cd.e%40f_g-h");
        assertThat(PercentCodec.decode(PercentCodec.encode(arn))).isEqualTo(arn);
    }

    @Test
    void failsOnBrokenEscapes() {
        assertThatThrownBy(() -> PercentCodec.decode("abc%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PercentCodec.decode("%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PercentCodec.decode("%C3")).hasMessageContaining("not UTF-8");
    }
}
