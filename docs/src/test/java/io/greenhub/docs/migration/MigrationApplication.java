package io.greenhub.docs.migration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The quote service's application, without component scanning: each test names the one controller
 * style it runs, since all three map {@code /quotes/{symbol}}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class MigrationApplication {

}
