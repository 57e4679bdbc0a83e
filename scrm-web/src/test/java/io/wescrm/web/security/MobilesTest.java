package io.wescrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.accounts.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class MobilesTest {

  @Test
  void storeManagersAndViewersSeeMaskedNumbersAdminsAndOperatorsWholeOnes() {
    for (Role role : List.of(Role.STORE_MANAGER, Role.VIEWER)) {
      assertThat(Mobiles.mask("13812345678", role)).isEqualTo("138****5678");
      assertThat(Mobiles.mask(List.of("13812345678", "021-6234 5678"), role))
          .containsExactly("138****5678", "021******5678");
      assertThat(Mobiles.mask("12345", role)).isEqualTo("*****");
      assertThat(Mobiles.maskText("<Mobile>13812345678</Mobile> +8613912345678 86-1", role))
          .isEqualTo("<Mobile>138****5678</Mobile> +86139****5678 86-1");
      // a longer digit run is not a mobile
      assertThat(Mobiles.maskText("order 1381234567890", role)).isEqualTo("order 1381234567890");
    }
    for (Role role : List.of(Role.ADMIN, Role.OPERATOR)) {
      assertThat(Mobiles.mask("13812345678", role)).isEqualTo("13812345678");
      assertThat(Mobiles.maskText("13812345678", role)).isEqualTo("13812345678");
    }
    assertThat(Mobiles.mask((String) null, Role.VIEWER)).isNull();
  }
}
