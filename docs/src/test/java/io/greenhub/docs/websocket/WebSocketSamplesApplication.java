package io.greenhub.docs.websocket;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The streaming page's WebSocket samples in one application.
 */
@SpringBootApplication
class WebSocketSamplesApplication {

}
