package io.greenhub.docs.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot page's samples in one application: the configurations of this package.
 */
@SpringBootApplication(proxyBeanMethods = false)
class SpringSamplesApplication {

}
