package io.datalake.app.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.app.stacks.DatasetStack;
import io.datalake.app.stacks.DatasetStackProps;
import io.datalake.app.stacks.EnvironmentStack;
import io.datalake.app.stacks.PipelinesStack;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The dev environment as {@code cdk synth} builds it (environment, example datasets, pipelines),
 * plus extra dataset stacks a test adds, synthesized once, with every template rendered for the
 * policy evaluator (account {@value #ACCOUNT}, eu-west-1).
 */
final class SynthesizedLake {
    static final String ACCOUNT = "111111111111";
    static final String REGION = "eu-west-1";

    final LakeNames names;
    final EnvironmentStack environment;
    final PipelinesStack pipelines;
    final Map<String, DatasetStack> datasets = new LinkedHashMap<>();
    private final Map<Stack, TemplateView> views = new LinkedHashMap<>();

    /** @param extra dataset files (YAML text) to deploy beside the examples */
    SynthesizedLake(List<String> extra) {
        this(extra, true);
    }

    /** @param withEnvironment false for the extra dataset stacks alone (names that may not share an app) */
    SynthesizedLake(List<String> extra, boolean withEnvironment) {
        App app = TestApps.app("dev");
        this.environment = withEnvironment ? LakeApp.build(app) : null;
        this.names = new LakeNames(LakeApp.environment(app));
        this.pipelines = withEnvironment ? (PipelinesStack) app.getNode().findChild("Pipelines") : null;
        for (IConstruct child : app.getNode().getChildren()) {
            if (child instanceof DatasetStack stack) {
                datasets.put(stack.roles().datasetName(), stack);
            }
        }
        for (String yaml : extra) {
            DatasetSpec spec = DatasetFiles.parse("generated.yaml", yaml);
            DatasetStack stack = new DatasetStack(app, "Dataset-" + spec.name(),
                    DatasetStackProps.builder().names(names).dataset(spec).build());
            datasets.put(spec.name(), stack);
        }
        app.synth();
        for (IConstruct child : app.getNode().getChildren()) {
            if (child instanceof Stack stack) {
                views.put(stack, new TemplateView(new ObjectMapper().valueToTree(Template.fromStack(stack).toJSON()),
                        "aws", ACCOUNT, REGION));
            }
        }
    }

    /** A minimal dataset file. */
    static String dataset(String name, String tier, String access) {
        return "name: " + name + "\ntier: " + tier + "\nowner: team@example.com\ndescription: generated\n"
                + "format:\n  type: csv\n" + (access.isEmpty() ? "" : "access:\n" + access);
    }

    Map<Stack, TemplateView> views() {
        return views;
    }

    TemplateView view(Stack stack) {
        return views.get(stack);
    }

    static String logicalId(IConstruct construct) {
        Stack stack = Stack.of(construct);
        IConstruct element = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return stack.resolve(((CfnElement) element).getLogicalId()).toString();
    }

    /** The rendered ARN of a resource of this app: {@code <LogicalId.Arn>}. */
    static String arnOf(IConstruct construct) {
        return "<" + logicalId(construct) + ".Arn>";
    }

    PolicyEvaluator identity(IConstruct role) {
        return new PolicyEvaluator(view(Stack.of(role)).statementsOf(logicalId(role)));
    }

    PolicyEvaluator trust(IConstruct role) {
        return new PolicyEvaluator(view(Stack.of(role)).trustOf(logicalId(role)));
    }

    PolicyEvaluator keyPolicy(IConstruct key) {
        return new PolicyEvaluator(view(Stack.of(key)).keyPolicyOf(logicalId(key)));
    }

    PolicyEvaluator queuePolicy(IConstruct queue) {
        return new PolicyEvaluator(view(Stack.of(queue)).queuePolicyOf(logicalId(queue)));
    }

    PolicyEvaluator datasetRole(String dataset, AccessLevel level) {
        return identity(datasets.get(dataset).roles().role(level));
    }

    String datasetRoleArn(String dataset, AccessLevel level) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + names.datasetRole(dataset, level);
    }

    /** Every statement of every template, with where it is, for whole-app scans. */
    List<Map<String, Object>> allStatements(String resourceType, String documentProperty) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (TemplateView view : views.values()) {
            view.resources(resourceType).values().forEach(resource -> {
                Object document = view.resolve(resource.path("Properties").path(documentProperty));
                if (document instanceof Map<?, ?> map) {
                    Object statements = map.get("Statement");
                    for (Object s : statements instanceof List<?> l ? l : List.of(statements)) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> statement = (Map<String, Object>) s;
                        result.add(statement);
                    }
                }
            });
        }
        return result;
    }
}
