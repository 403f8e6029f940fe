package io.greenhub.spring.web;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.greenhub.spring.GreenHandler;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code HandlerAdapter} of green requests, ordered before WebFlux's own: the
 * {@code DispatcherHandler} hands it the controller methods that are green, decided from
 * a set built once at start-up, and {@link GreenHandlerFunction green functional
 * handlers}; every other handler goes to WebFlux's adapters untouched, at no cost.
 *
 * <p>
 * Each green request gets one green thread from the {@link GreenRequestDispatcher}, on
 * the hub of the loop that read it; on it the {@link RequestMappingHandlerAdapter}
 * resolves the arguments, invokes the method and its {@code @ExceptionHandler}s, and the
 * result is written. Argument resolvers, data binding, validation and
 * {@code @ControllerAdvice} are WebFlux's own.
 *
 * <p>
 * A controller method is green when it, or its class, is annotated {@link GreenHandler},
 * or when it matches the further predicate given (every blocking method, when Spring
 * Boot's virtual threads are on). {@link #afterSingletonsInstantiated} builds the set, on
 * the thread that refreshes the context, before the server starts; the event loops only
 * read it.
 */
public class GreenHandlerAdapter implements HandlerAdapter, Ordered, SmartInitializingSingleton {

	private static final MethodParameter HANDLER_FUNCTION_RETURN_TYPE;

	static {
		try {
			HANDLER_FUNCTION_RETURN_TYPE = new MethodParameter(
					HandlerFunction.class.getMethod("handle", ServerRequest.class), -1);
		}
		catch (NoSuchMethodException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final GreenRequestDispatcher dispatcher;

	private final RequestMappingHandlerAdapter methods;

	private final Supplier<Collection<HandlerMethod>> handlerMethods;

	private final Predicate<HandlerMethod> alsoGreen;

	private final HandlerAdapter bodyBuffering;

	private final HandlerAdapter functions = new FunctionHandling();

	private final Duration streamTimeout;

	// Each green method and what handles it on its green thread: written once by
	// afterSingletonsInstantiated, before the server starts; read by the loops.
	private volatile Map<Method, HandlerAdapter> green = Map.of();

	/**
	 * Creates the adapter.
	 * @param dispatcher what starts the green thread of each request
	 * @param methods the adapter of controller methods of WebFlux, which runs them on the
	 * green thread
	 * @param handlerMethods the handler methods of the application's request mappings,
	 * asked once at start-up
	 * @param alsoGreen which methods without {@code @GreenHandler} are green too
	 * @param maxInMemorySize the most bytes of a request body buffered for a green method
	 */
	public GreenHandlerAdapter(GreenRequestDispatcher dispatcher, RequestMappingHandlerAdapter methods,
			Supplier<Collection<HandlerMethod>> handlerMethods, Predicate<HandlerMethod> alsoGreen,
			int maxInMemorySize) {
		this(dispatcher, methods, handlerMethods, alsoGreen, maxInMemorySize, Duration.ZERO);
	}

	/**
	 * Creates the adapter.
	 * @param dispatcher what starts the green thread of each request
	 * @param methods the adapter of WebFlux's controller methods, which runs them on the
	 * green thread
	 * @param handlerMethods the handler methods of the application's request mappings,
	 * asked once at start-up
	 * @param alsoGreen which methods without {@code @GreenHandler} are green too
	 * @param maxInMemorySize the most bytes of a request body buffered for a green method
	 * @param streamTimeout how long a method that takes a {@link GreenEmitter} may run,
	 * in place of the dispatcher's timeout; zero for no limit
	 */
	public GreenHandlerAdapter(GreenRequestDispatcher dispatcher, RequestMappingHandlerAdapter methods,
			Supplier<Collection<HandlerMethod>> handlerMethods, Predicate<HandlerMethod> alsoGreen, int maxInMemorySize,
			Duration streamTimeout) {
		this.dispatcher = dispatcher;
		this.methods = methods;
		this.handlerMethods = handlerMethods;
		this.alsoGreen = alsoGreen;
		this.bodyBuffering = new BodyBuffering(methods, maxInMemorySize);
		this.streamTimeout = streamTimeout;
	}

	/**
	 * Before WebFlux's adapters, which are unordered.
	 */
	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<Method, HandlerAdapter> green = new IdentityHashMap<>();
		for (HandlerMethod method : this.handlerMethods.get()) {
			boolean streams = StreamingMethods.check(method);
			if (isAnnotated(method) || this.alsoGreen.test(method)) {
				HandlerAdapter handling = readsBody(method) ? this.bodyBuffering : this.methods;
				green.put(method.getMethod(),
						streams ? new EmitterHandling(handling, hasResponseStatus(method)) : handling);
			}
			else if (streams) {
				throw new IllegalStateException(method + " takes a GreenEmitter but is not green: annotate it, or "
						+ "its controller, @GreenHandler");
			}
		}
		this.green = green;
	}

	/**
	 * Whether the method or its bean type is annotated {@link GreenHandler}.
	 * @param method the handler method
	 * @return whether it is annotated
	 */
	public static boolean isAnnotated(HandlerMethod method) {
		return AnnotatedElementUtils.hasAnnotation(method.getMethod(), GreenHandler.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), GreenHandler.class);
	}

	/**
	 * Whether the method returns no reactive type: what WebFlux calls a blocking method.
	 * @param method the handler method
	 * @return whether it is blocking
	 */
	public static boolean isBlocking(HandlerMethod method) {
		Class<?> returned = method.getReturnType().getParameterType();
		return ReactiveAdapterRegistry.getSharedInstance().getAdapter(returned) == null;
	}

	private static boolean hasResponseStatus(HandlerMethod method) {
		return method.hasMethodAnnotation(ResponseStatus.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseStatus.class);
	}

	private static boolean readsBody(HandlerMethod method) {
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)
					|| HttpEntity.class.isAssignableFrom(parameter.getParameterType())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the controller method is green: read per request for every
	 * {@code HandlerMethod}.
	 * @param method the handler method
	 * @return whether it runs on a green thread
	 */
	public boolean isGreen(HandlerMethod method) {
		return this.green.containsKey(method.getMethod());
	}

	@Override
	public boolean supports(Object handler) {
		return (handler instanceof HandlerMethod method) ? isGreen(method) : handler instanceof GreenHandlerFunction;
	}

	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		if (handler instanceof HandlerMethod method) {
			HandlerAdapter handling = this.green.get(method.getMethod());
			if (handling instanceof EmitterHandling) {
				return this.dispatcher.dispatch(exchange, handler, handling, this.streamTimeout,
						"green.handler.stream-timeout");
			}
			return this.dispatcher.dispatch(exchange, handler, (handling != null) ? handling : this.methods);
		}
		return this.dispatcher.dispatch(exchange, handler, this.functions);
	}

	/** Runs a green functional handler's code on the request's green thread. */
	private static final class FunctionHandling implements HandlerAdapter {

		@Override
		public boolean supports(Object handler) {
			return handler instanceof GreenHandlerFunction;
		}

		@Override
		public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
			GreenHandlerFunction<?> function = (GreenHandlerFunction<?>) handler;
			ServerRequest request = exchange.getRequiredAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
			return function.getDelegate()
				.handle(request)
				.map((response) -> new HandlerResult(function, response, HANDLER_FUNCTION_RETURN_TYPE));
		}

	}

	/**
	 * Gives a green method that reads the body a request whose body is read on its green
	 * thread.
	 */
	private record BodyBuffering(RequestMappingHandlerAdapter methods, int maxInMemorySize) implements HandlerAdapter {

		@Override
		public boolean supports(Object handler) {
			return handler instanceof HandlerMethod;
		}

		@Override
		public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
			ServerWebExchange buffering = exchange.mutate()
				.request(new BodyBufferingRequest(exchange.getRequest(), this.maxInMemorySize))
				.build();
			return this.methods.handle(buffering, handler);
		}

	}

}
