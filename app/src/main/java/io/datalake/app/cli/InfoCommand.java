package io.datalake.app.cli;

import io.datalake.app.CdkConfig;
import io.datalake.app.lake.LakeConnection;
import io.datalake.app.pipeline.EnvironmentPipelines;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import io.datalake.core.update.LakeUri;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake info}: one update of a dataset, addressed as {@code <dataset>[:tag]}, with its manifest and lineage. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show a dataset's update: DATASET[:tag] or lake://DATASET[:tag].",
                "tag: latest (the default), a date YYYY-MM-DD, or an index (0 first, -1 last)."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Lake lake;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "DATASET[:tag]")
    String address;

    @Override
    public Integer call() {
        LakeUri uri = LakeUri.parse(address.startsWith("lake://") ? address : "lake://" + address);
        PrintWriter out = spec.commandLine().getOut();
        try (LakeConnection connection = target.connect(lake.runtime())) {
            DatasetRegistration dataset = new DatasetRegistry(connection.dynamo(), connection.names()).find(uri.dataset())
                    .orElseThrow(() -> new LakeConfigException("unknown dataset '" + uri.dataset() + "' in "
                            + connection.names().environment().name()));
            List<UpdateId> complete = new UpdateRegistry(connection.dynamo(), connection.names())
                    .inState(uri.dataset(), UpdateState.COMPLETE).stream().map(UpdateRecord::update).toList();
            UpdateId update = uri.resolve(complete).orElseThrow(() -> new LakeConfigException(uri + " selects no complete"
                    + " update: the dataset has " + complete.size() + " complete update(s)"));
            String bucket = connection.names().dataBucket(dataset.tier());
            UpdateManifest manifest = UpdateManifest.fromJson(connection.s3().getObjectAsBytes(r -> r.bucket(bucket)
                    .key(DatasetLayout.manifestKey(uri.dataset(), update))).asUtf8String());
            out.println(uri + " -> " + manifest.dataset() + "@" + manifest.update());
            out.println("  tier:       " + dataset.tier().id() + " (s3://" + bucket + "/" + DatasetLayout.prefix(uri.dataset()) + ")");
            out.println("  state:      " + manifest.state().id());
            out.println("  created:    " + manifest.createdAt() + manifest.completedAt().map(c -> ", complete " + c).orElse(""));
            out.println("  source:     " + manifest.source().kind().id() + " " + manifest.source().bucket() + "/" + manifest.source().key());
            out.println("  raw files:  " + manifest.rawFiles().size() + " (" + manifest.rawBytes() + " bytes)");
            out.println("  data files: " + manifest.dataFiles().size());
            out.println("  rows:       " + (manifest.rowCount().isPresent() ? manifest.rowCount().getAsLong() : "-"));
            out.println("  upstreams:  " + (manifest.upstreams().isEmpty() ? "none" : manifest.upstreams().toString()));
            List<String> downstreams = new DatasetRegistry(connection.dynamo(), connection.names()).downstreams(uri.dataset());
            out.println("  downstreams: " + (downstreams.isEmpty() ? "none recorded" : String.join(", ", downstreams)));
            List<String> downgrades = EnvironmentPipelines.downgradingInto(CdkConfig.read(target.config),
                    connection.names().environment(), uri.dataset());
            downgrades.forEach(d -> out.println("  tier downgrade declared by pipeline " + d));
        }
        return 0;
    }
}
