package dev.tollgate.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;

/** Checks one JWS signature with one key; built once per key when a key set loads, not per request. */
@FunctionalInterface
interface SignatureCheck {

    boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException;
}
