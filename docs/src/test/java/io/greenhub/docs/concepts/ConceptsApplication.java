package io.greenhub.docs.concepts;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
class ConceptsApplication {

}
