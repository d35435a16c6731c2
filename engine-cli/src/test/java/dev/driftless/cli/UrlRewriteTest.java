package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class UrlRewriteTest {

  private static final UrlRewrite.Converter CONVERTER = new UrlRewrite.Converter();

  @Test
  void theLongestFromThatStartsTheUrl_wins_asGitsInsteadOf() {
    UnaryOperator<String> urls = UrlRewrite.of(List.of(CONVERTER.convert("https://github.com/=http://mirror/gh/"),
        CONVERTER.convert("https://github.com/org/repo=http://127.0.0.1:9/repo.git")));
    assertEquals("http://127.0.0.1:9/repo.git", urls.apply("https://github.com/org/repo"));
    assertEquals("http://mirror/gh/kestra/scripts", urls.apply("https://github.com/kestra/scripts"));
    assertEquals("https://gitlab.com/a/b", urls.apply("https://gitlab.com/a/b"), "no FROM starts it: unchanged");
  }

  @Test
  void notFromEqualsTo_isRefusedInWords() {
    for (String bad : List.of("https://github.com/", "=http://x", "https://github.com/=")) {
      TypeConversionException e = assertThrows(TypeConversionException.class, () -> CONVERTER.convert(bad));
      assertTrue(e.getMessage().contains("is not FROM=TO"), e.getMessage());
    }
  }

  @Test
  void credentialsInTheUrl_areRefused_andNotRepeated() {
    TypeConversionException e = assertThrows(TypeConversionException.class,
        () -> CONVERTER.convert("https://github.com/=https://user:s3cret@mirror/"));
    assertTrue(e.getMessage().contains("carries credentials"), e.getMessage());
    assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
  }
}
