package io.datalake.pipelines.runner;

import io.datalake.pipelines.model.step.MaskStep;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The SQL function behind {@code mask: {strategy: tokenize}}: {@code tok_} and the first 32 hex
 * digits of HMAC-SHA256 of the value under the run's token key. It is registered with the key in
 * it, so the key never appears in SQL text, query plans or logs; without the key nobody can map
 * tokens back to values, not even by hashing guesses.
 */
public final class TokenFunction implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    /** Keys shorter than this are refused: HMAC is only as strong as its key. */
    public static final int MIN_KEY_BYTES = 16;

    private final byte[] key;
    private transient Mac mac;

    private TokenFunction(byte[] key) {
        this.key = key.clone();
    }

    /**
     * Registers {@value MaskStep#TOKEN_FUNCTION} in the session.
     *
     * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
     */
    public static void register(SparkSession spark, byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token key must be at least " + MIN_KEY_BYTES + " bytes, but it has "
                    + key.length);
        }
        spark.udf().register(MaskStep.TOKEN_FUNCTION, new TokenFunction(key), DataTypes.StringType);
    }

    @Override
    public String call(String value) throws GeneralSecurityException {
        if (value == null) {
            return null;
        }
        if (mac == null) { // one per executor task deserialisation; Mac is not thread-safe, so never shared
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        }
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "tok_" + HexFormat.of().formatHex(digest, 0, 16);
    }
}
