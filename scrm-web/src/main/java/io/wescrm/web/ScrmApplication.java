package io.wescrm.web;

import io.wescrm.core.corp.jdbc.CorpJdbcConfiguration;
import io.wescrm.core.inbox.jdbc.InboxJdbcConfiguration;
import io.wescrm.core.sync.jdbc.SyncJdbcConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The WeScrm server. With no configuration it runs the demo: H2, the WeCom simulator and a seeded demo corp. */
@SpringBootApplication
@ConfigurationPropertiesScan({"io.wescrm.web", "io.wescrm.wecom.client"})
@Import({CorpJdbcConfiguration.class, SyncJdbcConfiguration.class, InboxJdbcConfiguration.class})
public class ScrmApplication {

  public static void main(String[] args) {
    SpringApplication.run(ScrmApplication.class, args);
  }
}
