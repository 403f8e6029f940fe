import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassSignature;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodSignature;
import java.lang.classfile.Signature;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as text: every public type outside a package named
 * {@code internal}, with its public and protected members, one signature a line, sorted.
 * <p>
 * The build runs it on each API module's compiled classes ({@code process-classes}) and fails when
 * the result differs from the module's committed {@code api/<module>.api}, so that a change to the
 * public API is seen in review. {@code -Dapi.update=true} writes the file instead.
 * <p>
 * Run by the JDK 25 toolchain as a single-file program:
 * {@code java ApiSignatures.java <classes dir> <api file> <module> <update: true|false>}.
 */
public class ApiSignatures {

	private static final String UPDATE_COMMAND = "./mvnw -B -ntp verify -DskipTests -Dapi.update=true";

	public static void main(String[] args) throws IOException {
		if (args.length != 4) {
			System.err.println("usage: java ApiSignatures.java <classes dir> <api file> <module> <update>");
			System.exit(2);
		}
		Path classes = Path.of(args[0]);
		Path apiFile = Path.of(args[1]);
		String module = args[2];
		boolean update = "true".equals(args[3]) || args[3].isEmpty();
		List<String> actual = Files.isDirectory(classes) ? dump(classes) : List.of();
		if (update) {
			Files.createDirectories(apiFile.toAbsolutePath().getParent());
			Files.write(apiFile, actual);
			System.out.println("[api] " + module + ": wrote " + actual.size() + " lines to " + apiFile);
			return;
		}
		if (!Files.exists(apiFile)) {
			fail(module, apiFile, "has no API baseline " + apiFile, List.of());
		}
		List<String> expected = Files.readAllLines(apiFile);
		if (!expected.equals(actual)) {
			fail(module, apiFile, "has a public API that differs from " + apiFile, diff(expected, actual));
		}
		System.out.println("[api] " + module + ": public API matches " + apiFile);
	}

	private static void fail(String module, Path apiFile, String what, List<String> diff) {
		System.err.println("[api] " + module + " " + what + " (- baseline, + compiled):");
		diff.stream().limit(200).forEach(System.err::println);
		if (diff.size() > 200) {
			System.err.println("... " + (diff.size() - 200) + " more lines");
		}
		System.err.println("[api] If the change is deliberate, regenerate the baseline and commit it with the change:");
		System.err.println("[api]     " + UPDATE_COMMAND);
		System.exit(1);
	}

	/** Lines removed (-) and added (+), each under the type it belongs to, by a longest common subsequence. */
	private static List<String> diff(List<String> expected, List<String> actual) {
		int n = expected.size();
		int m = actual.size();
		int[][] lcs = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1
						: Math.max(lcs[i + 1][j], lcs[i][j + 1]);
			}
		}
		List<String> out = new ArrayList<>();
		String type = null;
		String printedType = null;
		int i = 0;
		int j = 0;
		while (i < n || j < m) {
			String line;
			String sign;
			if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
				line = expected.get(i);
				sign = null;
				i++;
				j++;
			}
			else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
				line = expected.get(i++);
				sign = "-";
			}
			else {
				line = actual.get(j++);
				sign = "+";
			}
			boolean header = !line.startsWith("\t") && !line.isEmpty();
			if (header) {
				type = line;
			}
			if (sign != null) {
				if (!header && type != null && !type.equals(printedType)) {
					out.add("  " + type);
				}
				out.add(sign + " " + line);
				printedType = type;
			}
		}
		return out;
	}

	private static List<String> dump(Path classes) throws IOException {
		Map<String, ClassModel> models = new HashMap<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				String name = file.getFileName().toString();
				if (name.equals("module-info.class") || name.equals("package-info.class")) {
					continue;
				}
				ClassModel model = ClassFile.of().parse(file);
				models.put(model.thisClass().asInternalName(), model);
			}
		}
		Map<String, List<String>> types = new TreeMap<>();
		for (ClassModel model : models.values()) {
			if (isApi(model, models)) {
				types.put(binaryName(model.thisClass().asInternalName()), describe(model, models));
			}
		}
		List<String> lines = new ArrayList<>();
		for (List<String> type : types.values()) {
			if (!lines.isEmpty()) {
				lines.add("");
			}
			lines.addAll(type);
		}
		return lines;
	}

	private static boolean isApi(ClassModel model, Map<String, ClassModel> models) {
		String name = model.thisClass().asInternalName();
		String pkg = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
		if (Set.of(pkg.split("/")).contains("internal") || model.flags().has(AccessFlag.SYNTHETIC)) {
			return false;
		}
		Optional<InnerClassInfo> self = innerInfo(model);
		if (self.isEmpty()) {
			return model.flags().has(AccessFlag.PUBLIC);
		}
		InnerClassInfo info = self.get();
		if (info.outerClass().isEmpty() || info.innerName().isEmpty()) {
			return false; // local or anonymous
		}
		if (!info.flags().contains(AccessFlag.PUBLIC) && !info.flags().contains(AccessFlag.PROTECTED)) {
			return false;
		}
		ClassModel outer = models.get(info.outerClass().get().asInternalName());
		return outer != null && isApi(outer, models);
	}

	private static Optional<InnerClassInfo> innerInfo(ClassModel model) {
		return model.findAttribute(Attributes.innerClasses())
			.flatMap((attribute) -> attribute.classes()
				.stream()
				.filter((info) -> info.innerClass().asInternalName().equals(model.thisClass().asInternalName()))
				.findFirst());
	}

	private static List<String> describe(ClassModel model, Map<String, ClassModel> models) {
		Set<AccessFlag> flags = innerInfo(model).map(InnerClassInfo::flags).orElse(model.flags().flags());
		boolean isInterface = flags.contains(AccessFlag.INTERFACE);
		boolean isAnnotation = flags.contains(AccessFlag.ANNOTATION);
		boolean isEnum = flags.contains(AccessFlag.ENUM);
		boolean isRecord = model.findAttribute(Attributes.record()).isPresent();
		boolean sealed = model.findAttribute(Attributes.permittedSubclasses()).isPresent();
		boolean extendable = !flags.contains(AccessFlag.FINAL) && !isEnum && !isRecord;
		StringBuilder header = new StringBuilder(flags.contains(AccessFlag.PROTECTED) ? "protected" : "public");
		if (flags.contains(AccessFlag.STATIC) && !isInterface && !isEnum && !isRecord) {
			header.append(" static");
		}
		if (isAnnotation) {
			header.append(" @interface");
		}
		else if (isInterface) {
			header.append(sealed ? " sealed interface" : " interface");
		}
		else if (isEnum) {
			header.append(" enum");
		}
		else if (isRecord) {
			header.append(" record");
		}
		else {
			header.append(flags.contains(AccessFlag.ABSTRACT) ? " abstract" : "")
				.append(flags.contains(AccessFlag.FINAL) ? " final" : "")
				.append(sealed ? " sealed" : "")
				.append(" class");
		}
		header.append(' ').append(binaryName(model.thisClass().asInternalName()));
		Optional<ClassSignature> signature = model.findAttribute(Attributes.signature())
			.map((attribute) -> attribute.asClassSignature());
		if (signature.isPresent()) {
			header.append(typeParameters(signature.get().typeParameters()));
		}
		if (!isInterface && !isEnum && !isRecord) {
			String superclass = signature.map((sig) -> render(sig.superclassSignature()))
				.orElseGet(() -> model.superclass().map((entry) -> binaryName(entry.asInternalName())).orElse(null));
			if (superclass != null && !superclass.equals("java.lang.Object")) {
				header.append(" extends ").append(superclass);
			}
		}
		List<String> interfaces = signature
			.map((sig) -> sig.superinterfaceSignatures().stream().map(ApiSignatures::render).toList())
			.orElseGet(() -> model.interfaces().stream().map((entry) -> binaryName(entry.asInternalName())).toList());
		if (isAnnotation) {
			interfaces = List.of();
		}
		if (!interfaces.isEmpty()) {
			header.append(isInterface ? " extends " : " implements ").append(String.join(", ", interfaces));
		}
		model.findAttribute(Attributes.permittedSubclasses())
			.ifPresent((permitted) -> header.append(" permits ")
				.append(permitted.permittedSubclasses()
					.stream()
					.map((entry) -> binaryName(entry.asInternalName()))
					.sorted()
					.collect(Collectors.joining(", "))));
		List<String> fields = new ArrayList<>();
		for (FieldModel field : model.fields()) {
			if (visible(field.flags().flags(), extendable) && !field.flags().has(AccessFlag.SYNTHETIC)) {
				String type = field.findAttribute(Attributes.signature())
					.map((attribute) -> render(attribute.asTypeSignature()))
					.orElseGet(() -> render(field.fieldTypeSymbol()));
				fields.add("\t" + modifiers(field.flags().flags(), false) + type + " " + field.fieldName().stringValue());
			}
		}
		List<String> methods = new ArrayList<>();
		for (MethodModel method : model.methods()) {
			Set<AccessFlag> methodFlags = method.flags().flags();
			String name = method.methodName().stringValue();
			if (!visible(methodFlags, extendable) || methodFlags.contains(AccessFlag.SYNTHETIC)
					|| methodFlags.contains(AccessFlag.BRIDGE) || name.equals("<clinit>")) {
				continue;
			}
			methods.add("\t" + modifiers(methodFlags, isInterface) + method(method, name));
		}
		List<String> lines = new ArrayList<>();
		lines.add(header.toString());
		fields.stream().sorted().forEach(lines::add);
		methods.stream().sorted().forEach(lines::add);
		return lines;
	}

	private static boolean visible(Set<AccessFlag> flags, boolean extendable) {
		return flags.contains(AccessFlag.PUBLIC) || (extendable && flags.contains(AccessFlag.PROTECTED));
	}

	private static String modifiers(Set<AccessFlag> flags, boolean inInterface) {
		StringBuilder out = new StringBuilder(flags.contains(AccessFlag.PUBLIC) ? "public " : "protected ");
		if (flags.contains(AccessFlag.STATIC)) {
			out.append("static ");
		}
		if (inInterface && !flags.contains(AccessFlag.STATIC) && !flags.contains(AccessFlag.ABSTRACT)) {
			out.append("default ");
		}
		if (flags.contains(AccessFlag.ABSTRACT) && !inInterface) {
			out.append("abstract ");
		}
		if (flags.contains(AccessFlag.FINAL)) {
			out.append("final ");
		}
		return out.toString();
	}

	private static String method(MethodModel method, String name) {
		Optional<MethodSignature> signature = method.findAttribute(Attributes.signature())
			.map((attribute) -> attribute.asMethodSignature());
		List<String> exceptions = method.findAttribute(Attributes.exceptions())
			.map((attribute) -> attribute.exceptions().stream().map((entry) -> binaryName(entry.asInternalName())).toList())
			.orElse(List.of());
		StringBuilder out = new StringBuilder();
		List<String> parameters;
		String result;
		if (signature.isPresent()) {
			MethodSignature sig = signature.get();
			String typeParameters = typeParameters(sig.typeParameters());
			if (!typeParameters.isEmpty()) {
				out.append(typeParameters).append(' ');
			}
			parameters = sig.arguments().stream().map(ApiSignatures::render).toList();
			result = render(sig.result());
			if (!sig.throwableSignatures().isEmpty()) {
				exceptions = sig.throwableSignatures().stream().map(ApiSignatures::render).toList();
			}
		}
		else {
			parameters = method.methodTypeSymbol().parameterList().stream().map(ApiSignatures::render).toList();
			result = render(method.methodTypeSymbol().returnType());
		}
		if (!name.equals("<init>")) {
			out.append(result).append(' ');
		}
		out.append(name).append('(').append(String.join(", ", parameters)).append(')');
		if (method.flags().has(AccessFlag.VARARGS)) {
			out.append(" varargs");
		}
		if (!exceptions.isEmpty()) {
			out.append(" throws ").append(String.join(", ", exceptions));
		}
		return out.toString();
	}

	private static String typeParameters(List<Signature.TypeParam> parameters) {
		if (parameters.isEmpty()) {
			return "";
		}
		return parameters.stream().map((parameter) -> {
			List<String> bounds = new ArrayList<>();
			parameter.classBound().map(ApiSignatures::render).ifPresent(bounds::add);
			parameter.interfaceBounds().stream().map(ApiSignatures::render).forEach(bounds::add);
			bounds.remove("java.lang.Object");
			return parameter.identifier() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
		}).collect(Collectors.joining(", ", "<", ">"));
	}

	private static String render(Signature signature) {
		return switch (signature) {
			case Signature.BaseTypeSig base -> render(ClassDesc.ofDescriptor(String.valueOf(base.baseType())));
			case Signature.TypeVarSig variable -> variable.identifier();
			case Signature.ArrayTypeSig array -> render(array.componentSignature()) + "[]";
			case Signature.ClassTypeSig type -> {
				String name = type.outerType()
					.map((outer) -> render(outer) + "." + type.className())
					.orElseGet(() -> binaryName(type.className()));
				if (type.typeArgs().isEmpty()) {
					yield name;
				}
				yield name + type.typeArgs().stream().map(ApiSignatures::render).collect(Collectors.joining(", ", "<", ">"));
			}
		};
	}

	private static String render(Signature.TypeArg argument) {
		return switch (argument) {
			case Signature.TypeArg.Unbounded unbounded -> "?";
			case Signature.TypeArg.Bounded bounded -> switch (bounded.wildcardIndicator()) {
				case NONE -> render(bounded.boundType());
				case EXTENDS -> "? extends " + render(bounded.boundType());
				case SUPER -> "? super " + render(bounded.boundType());
			};
		};
	}

	private static String render(ClassDesc type) {
		if (type.isArray()) {
			return render(type.componentType()) + "[]";
		}
		if (type.isPrimitive()) {
			return type.displayName();
		}
		String descriptor = type.descriptorString();
		return binaryName(descriptor.substring(1, descriptor.length() - 1));
	}

	private static String binaryName(String internalName) {
		return internalName.replace('/', '.');
	}

}
