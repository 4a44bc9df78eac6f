package io.datalake.constructs.cluster;

import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What the runner cluster holds for one pipeline: the queue of its pending runs and the role its
 * runs assume through EKS Pod Identity. Grant the pipeline's data access to {@link #role()}; it is
 * the only identity a run of this pipeline has.
 *
 * @param serviceAccount the Kubernetes service account whose pods get the role
 */
public record PipelineRunner(String pipeline, IQueue queue, IRole role, String serviceAccount) {

    /**
     * Lets a scheduler or an upstream pipeline request runs: {@code sqs:SendMessage},
     * {@code sqs:GetQueueAttributes}, {@code sqs:GetQueueUrl} on the run queue, and the queue key's
     * encrypt actions.
     */
    public Grant grantRequestRuns(IGrantable grantee) {
        return queue.grantSendMessages(grantee);
    }
}
