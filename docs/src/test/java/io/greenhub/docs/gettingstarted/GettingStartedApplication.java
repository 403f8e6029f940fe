package io.greenhub.docs.gettingstarted;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GettingStartedApplication {

	public static void main(String[] args) {
		SpringApplication.run(GettingStartedApplication.class, args);
	}

}
