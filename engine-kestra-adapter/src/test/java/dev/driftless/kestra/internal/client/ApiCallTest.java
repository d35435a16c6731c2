package dev.driftless.kestra.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiCallTest {

  @Test
  void segmentsAndQueries_areEncoded_soNoValueChangesThePath() {
    assertEquals("/flows/dev/a%2Fb", ApiCall.path("flows", "dev", "a/b"));
    ApiCall call = ApiCall.of(Operation.SEARCH_FLOWS, "/flows/search").query("filters[namespace][PREFIX]", "dev")
        .query("path", "/with space/é+&.txt");
    assertEquals("filters%5Bnamespace%5D%5BPREFIX%5D=dev&path=%2Fwith%20space%2F%C3%A9%2B%26.txt", call.encodedQuery());
  }

  @Test
  void onlyReadsAndOverwrites_areIdempotent() {
    assertTrue(ApiCall.of(Operation.FLOW, "/x").idempotent());
    assertTrue(ApiCall.of(Operation.UPDATE_FLOW, "/x", ApiCall.yaml(new byte[0])).idempotent());
    assertTrue(ApiCall.of(Operation.DELETE_FLOW, "/x").idempotent());
    assertFalse(ApiCall.of(Operation.CREATE_FLOW, "/flows", ApiCall.yaml(new byte[0])).idempotent());
    assertTrue(ApiCall.of(Operation.VALIDATE_FLOWS, "/flows/validate", ApiCall.yaml(new byte[0])).asIdempotent()
        .idempotent());
  }

  @Test
  void aCall_takesExactlyTheBodyItsOperationTakes() {
    IllegalArgumentException noBody = assertThrows(IllegalArgumentException.class,
        () -> ApiCall.of(Operation.CREATE_FLOW, "/flows"));
    assertEquals("CREATE_FLOW takes a body of application/x-yaml, not none", noBody.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ApiCall.of(Operation.CREATE_FLOW, "/flows", ApiCall.json("{}")));
    assertThrows(IllegalArgumentException.class,
        () -> ApiCall.of(Operation.FLOW, "/flows/a/b", ApiCall.yaml(new byte[0])));
  }

  @Test
  void aMultipartFile_carriesTheExactBytesUnderTheGivenPartAndFileName() {
    byte[] content = {0, 1, '\r', '\n', '-', '-', (byte) 0xff};
    ApiCall.Body body = Multipart.file("fileContent", "content", content);
    String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);
    String text = new String(body.bytes(), StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileContent\"; "
        + "filename=\"content\"\r\n"), text);
    int start = text.indexOf("\r\n\r\n") + 4;
    assertEquals(new String(content, StandardCharsets.ISO_8859_1), text.substring(start, start + content.length));
    assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"));
  }
}
